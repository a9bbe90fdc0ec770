import { ReportKind, ReportPeriod } from './report-period';

export const REPORT_LANGUAGES = ['vi', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/**
 * Every text of the reports in both languages, in one place. The English entries define the keys;
 * the Vietnamese catalogue must have each of them (the type says so, a test checks none is empty).
 * Park names and codes are printed as stored; lot and station codes are never translated.
 */
const en = {
  title: 'Progress report on the 2030 targets',
  subtitle: 'Industrial parks of Hai Phong: wastewater (QCVN 40) and hazardous waste',
  scope: 'Scope',
  allParks: 'all industrial parks',
  achieved: 'Achieved',
  total: 'Total',
  goal2030: '2030 target',
  period: 'Period',
  generatedAt: 'Generated at',
  dataAsOf: 'Wastewater data judged up to',
  daysJudged: 'Days judged',
  page: 'Page',
  of: 'of',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  summary: 'Summary',
  target: 'Target',
  target1: 'Target 1: operating industrial parks with a compliant central wastewater treatment plant',
  target2: 'Target 2: hazardous waste collected and treated per regulation',
  targetValue: '100 % by 2030',
  operatingParks: 'Operating parks',
  parksMeeting: 'Parks meeting the standard',
  share: 'Share',
  section_parks: 'Wastewater compliance per industrial park',
  section_trend: 'Trend over the last 12 months',
  section_notMeeting: 'Industrial parks not meeting the standard, and why',
  section_wastePerPark: 'Hazardous waste per industrial park',
  section_wasteGaps: 'Hazardous-waste lots with gaps or faults in their chain',
  park: 'Industrial park',
  parkCode: 'Code',
  status: 'Status',
  outlets: 'Outlet stations',
  days: 'Days',
  compliantDays: 'Compliant days',
  exceedanceDays: 'Exceedance days',
  suspectedDays: 'Suspected exceedance days',
  provisional: 'provisional: may change until the days are final',
  section_setAsideReviews: "Officers' reviews of readings set aside as flat-lines (suspected exceedances)",
  station: 'Station',
  day: 'Day',
  parameter: 'Parameter',
  setAsideRecords: 'Readings set aside',
  decision: 'Decision',
  reviewer: 'Reviewer',
  reviewedAt: 'Reviewed at',
  reviewNote: 'Grounds',
  noSetAsideReviews: 'No set-aside readings were reviewed in the period.',
  decision_confirmed: 'Confirmed as real measurements (judged as valid)',
  decision_rejected: 'Rejected as an instrument fault (kept aside)',
  status_suspected_exceedance: "Suspected exceedance awaiting an officer's review",
  insufficientDays: 'Days with too little data',
  missingDays: 'Days without data',
  noPermitDays: 'Days without permit',
  reasons: 'Reasons',
  lots: 'Lots',
  generatedKg: 'Generated (kg)',
  treatedConformingKg: 'Treated per regulation (kg)',
  nonConformingKg: 'Non-conforming (kg)',
  inProgressKg: 'Not yet completed, within deadline (kg)',
  wasteShare: 'Share treated per regulation',
  lot: 'Lot',
  generator: 'Generator',
  wasteCode: 'Waste code',
  lotState: 'Lot state',
  mass: 'Mass (kg)',
  faults: 'Faults',
  wastewater: 'Wastewater',
  hazardousWaste: 'Hazardous waste',
  noneNotMeeting: 'Every operating industrial park met the standard.',
  noGaps: 'No hazardous-waste lot with a gap or fault in its chain.',
  noData: 'no data',
  notOperating: 'not operating',
  withoutPark: 'Lots of generators not registered to a park',
  csv_section: 'Section',
  csv_period: 'Period',
  csv_subject: 'Subject',
  csv_measure: 'Measure',
  csv_value: 'Value',
  csv_detail: 'Detail',
  status_met: 'Meets the standard',
  status_exceedance: 'Exceedance',
  status_insufficient_data: 'Insufficient data',
  status_no_permit: 'No discharge permit',
  status_no_operating_plant: 'No operating central treatment plant',
  state_stored: 'Stored at the generator',
  state_handed_over: 'Handed over',
  state_received: 'Received by facility',
  state_treated: 'Treated',
  violation_chain_gap: 'A step of the chain is missing',
  violation_chain_order: 'Steps out of time order',
  violation_conflicting_events: 'Conflicting events for one step',
  violation_facility_mismatch: 'Received by another facility than handed over to',
  violation_manifest_mismatch: 'Manifest differs between handover and receipt',
  violation_manifest_overdue: 'Manifest not closed in time',
  violation_treatment_unconfirmed: 'Treatment not confirmed yet',
  violation_mass_mismatch: 'Received mass differs from handed-over mass',
  violation_licence_expired: 'Licence expired',
  violation_party_not_licensed: 'Transporter or facility not licensed for this waste',
  violation_storage_condition: 'Storage check found a fault',
  violation_storage_overdue: 'Stored longer than allowed',
  violation_unregistered_generator: 'Generator not registered',
  city_motto_country: 'SOCIALIST REPUBLIC OF VIET NAM',
  city_motto_words: 'Independence - Freedom - Happiness',
  city_number: 'No.: {number}',
  city_date_line: '{place}, {date}',
  city_title: 'REPORT',
  city_subject: 'Results of plan 624/KH-BQL on environmental protection in the industrial parks, {period}',
  city_addressee: 'To: {addressee}',
  city_intro:
    'Under plan 624/KH-BQL, the {agency} has consolidated the reports of the industrial parks and the figures of the environmental monitoring platform, and reports as follows:',
  city_section_figures: 'I. RESULTS AGAINST THE 2030 TARGETS',
  city_wastewater_line:
    '1. Wastewater: {meeting} of {operating} operating industrial parks meet QCVN 40 ({share}); data judged up to {asOf}.',
  city_waste_line:
    '2. Hazardous waste: {generated} kg generated, {treated} kg collected and treated per regulation ({share}), {nonConforming} kg not per regulation; {gaps} lots with gaps or faults in their chain.',
  city_section_notMeeting: 'II. INDUSTRIAL PARKS NOT MEETING THE STANDARD, AND WHY',
  city_not_meeting_line: '{park}: {status}. Reasons: {reasons}',
  city_section_parks: 'III. REPORTS OF THE INDUSTRIAL PARKS',
  city_park_progress: 'a) Progress: {text}',
  city_park_difficulties: 'b) Difficulties: {text}',
  city_park_proposals: 'c) Proposals: {text}',
  city_parks_without_report: 'No approved report yet from: {parks}.',
  city_no_park_reports: 'No park report has been approved for the period.',
  city_closing: 'The {agency} respectfully reports to the {addressee} for consideration and direction.',
  city_recipients: 'Recipients:',
  city_sheet_document: 'Document',
  city_sheet_narratives: 'Reports of the industrial parks',
  city_progress: 'Progress',
  city_difficulties: 'Difficulties',
  city_proposals: 'Proposals',
  city_approved: 'Approved',
  city_document_number: 'Number and symbol',
  city_issued_on: 'Issued on',
  city_addressee_label: 'To',
  city_signer: 'Signed by',
  city_version: 'Version',
  city_supersedes: 'Replaces',
  city_none: 'none',
};

export type MessageKey = keyof typeof en;

const vi: Record<MessageKey, string> = {
  title: 'Báo cáo tiến độ thực hiện mục tiêu năm 2030',
  subtitle: 'Các khu công nghiệp Hải Phòng: nước thải (QCVN 40) và chất thải nguy hại',
  scope: 'Phạm vi',
  allParks: 'tất cả khu công nghiệp',
  achieved: 'Đạt được',
  total: 'Tổng số',
  goal2030: 'Mục tiêu 2030',
  period: 'Kỳ báo cáo',
  generatedAt: 'Thời điểm lập',
  dataAsOf: 'Số liệu nước thải đánh giá đến ngày',
  daysJudged: 'Số ngày đã đánh giá',
  page: 'Trang',
  of: '/',
  month: 'Tháng',
  quarter: 'Quý',
  year: 'Năm',
  summary: 'Tóm tắt',
  target: 'Mục tiêu',
  target1: 'Mục tiêu 1: khu công nghiệp đang hoạt động có nhà máy xử lý nước thải tập trung đạt chuẩn',
  target2: 'Mục tiêu 2: chất thải nguy hại được thu gom, xử lý theo quy định',
  targetValue: '100 % đến năm 2030',
  operatingParks: 'Khu công nghiệp đang hoạt động',
  parksMeeting: 'Khu công nghiệp đạt chuẩn',
  share: 'Tỷ lệ',
  section_parks: 'Tuân thủ về nước thải theo khu công nghiệp',
  section_trend: 'Xu hướng 12 tháng gần nhất',
  section_notMeeting: 'Khu công nghiệp chưa đạt chuẩn và nguyên nhân',
  section_wastePerPark: 'Chất thải nguy hại theo khu công nghiệp',
  section_wasteGaps: 'Lô chất thải nguy hại có thiếu sót hoặc vi phạm trong chuỗi',
  park: 'Khu công nghiệp',
  parkCode: 'Mã',
  status: 'Trạng thái',
  outlets: 'Trạm quan trắc đầu ra',
  days: 'Số ngày',
  compliantDays: 'Ngày đạt chuẩn',
  exceedanceDays: 'Ngày vượt chuẩn',
  suspectedDays: 'Ngày nghi vượt chuẩn',
  provisional: 'tạm tính: có thể thay đổi đến khi số liệu các ngày được chốt',
  section_setAsideReviews:
    'Kết quả xem xét của cán bộ đối với số liệu bị tạm loại do đường phẳng (nghi vượt chuẩn)',
  station: 'Trạm',
  day: 'Ngày',
  parameter: 'Thông số',
  setAsideRecords: 'Số giá trị tạm loại',
  decision: 'Kết luận',
  reviewer: 'Người xem xét',
  reviewedAt: 'Thời điểm xem xét',
  reviewNote: 'Căn cứ',
  noSetAsideReviews: 'Không có số liệu tạm loại nào được xem xét trong kỳ.',
  decision_confirmed: 'Xác nhận là số liệu thật (tính là hợp lệ)',
  decision_rejected: 'Bác bỏ do lỗi thiết bị (giữ loại)',
  status_suspected_exceedance: 'Nghi vượt chuẩn, chờ cán bộ xem xét',
  insufficientDays: 'Ngày thiếu dữ liệu',
  missingDays: 'Ngày không có dữ liệu',
  noPermitDays: 'Ngày không có giấy phép',
  reasons: 'Nguyên nhân',
  lots: 'Số lô',
  generatedKg: 'Phát sinh (kg)',
  treatedConformingKg: 'Xử lý đúng quy định (kg)',
  nonConformingKg: 'Không đúng quy định (kg)',
  inProgressKg: 'Chưa hoàn tất, trong hạn (kg)',
  wasteShare: 'Tỷ lệ xử lý đúng quy định',
  lot: 'Lô',
  generator: 'Chủ nguồn thải',
  wasteCode: 'Mã CTNH',
  lotState: 'Tình trạng lô',
  mass: 'Khối lượng (kg)',
  faults: 'Thiếu sót',
  wastewater: 'Nước thải',
  hazardousWaste: 'Chất thải nguy hại',
  noneNotMeeting: 'Tất cả khu công nghiệp đang hoạt động đều đạt chuẩn.',
  noGaps: 'Không có lô chất thải nguy hại nào có thiếu sót trong chuỗi.',
  noData: 'không có số liệu',
  notOperating: 'chưa hoạt động',
  withoutPark: 'Lô của chủ nguồn thải chưa đăng ký thuộc khu công nghiệp',
  csv_section: 'Mục',
  csv_period: 'Kỳ',
  csv_subject: 'Đối tượng',
  csv_measure: 'Chỉ tiêu',
  csv_value: 'Giá trị',
  csv_detail: 'Chi tiết',
  status_met: 'Đạt chuẩn',
  status_exceedance: 'Vượt chuẩn',
  status_insufficient_data: 'Thiếu dữ liệu',
  status_no_permit: 'Chưa có giấy phép xả thải',
  status_no_operating_plant: 'Chưa có nhà máy xử lý nước thải tập trung hoạt động',
  state_stored: 'Đang lưu giữ tại cơ sở phát sinh',
  state_handed_over: 'Đã chuyển giao',
  state_received: 'Cơ sở xử lý đã tiếp nhận',
  state_treated: 'Đã xử lý',
  violation_chain_gap: 'Thiếu một bước trong chuỗi',
  violation_chain_order: 'Các bước sai trình tự thời gian',
  violation_conflicting_events: 'Các sự kiện mâu thuẫn cho cùng một bước',
  violation_facility_mismatch: 'Cơ sở tiếp nhận khác cơ sở được chuyển giao',
  violation_manifest_mismatch: 'Chứng từ khác nhau giữa chuyển giao và tiếp nhận',
  violation_manifest_overdue: 'Chứng từ chưa được hoàn tất đúng hạn',
  violation_treatment_unconfirmed: 'Chưa xác nhận xử lý',
  violation_mass_mismatch: 'Khối lượng tiếp nhận khác khối lượng chuyển giao',
  violation_licence_expired: 'Giấy phép đã hết hạn',
  violation_party_not_licensed: 'Đơn vị vận chuyển hoặc xử lý không có giấy phép cho loại chất thải này',
  violation_storage_condition: 'Kiểm tra lưu giữ phát hiện sai phạm',
  violation_storage_overdue: 'Lưu giữ quá thời hạn cho phép',
  violation_unregistered_generator: 'Chủ nguồn thải chưa đăng ký',
  city_motto_country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  city_motto_words: 'Độc lập - Tự do - Hạnh phúc',
  city_number: 'Số: {number}',
  city_date_line: '{place}, {date}',
  city_title: 'BÁO CÁO',
  city_subject: 'Kết quả thực hiện Kế hoạch 624/KH-BQL về bảo vệ môi trường các khu công nghiệp, {period}',
  city_addressee: 'Kính gửi: {addressee}',
  city_intro:
    'Thực hiện Kế hoạch số 624/KH-BQL, {agency} tổng hợp báo cáo của các khu công nghiệp và số liệu của hệ thống giám sát môi trường, báo cáo như sau:',
  city_section_figures: 'I. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU ĐẾN NĂM 2030',
  city_wastewater_line:
    '1. Nước thải: {meeting}/{operating} khu công nghiệp đang hoạt động đạt QCVN 40 ({share}); số liệu đánh giá đến ngày {asOf}.',
  city_waste_line:
    '2. Chất thải nguy hại: phát sinh {generated} kg, thu gom, xử lý đúng quy định {treated} kg ({share}), không đúng quy định {nonConforming} kg; {gaps} lô có thiếu sót hoặc vi phạm trong chuỗi.',
  city_section_notMeeting: 'II. CÁC KHU CÔNG NGHIỆP CHƯA ĐẠT CHUẨN VÀ NGUYÊN NHÂN',
  city_not_meeting_line: '{park}: {status}. Nguyên nhân: {reasons}',
  city_section_parks: 'III. BÁO CÁO CỦA CÁC KHU CÔNG NGHIỆP',
  city_park_progress: 'a) Tiến độ thực hiện: {text}',
  city_park_difficulties: 'b) Khó khăn, vướng mắc: {text}',
  city_park_proposals: 'c) Đề xuất, kiến nghị: {text}',
  city_parks_without_report: 'Chưa có báo cáo được duyệt của: {parks}.',
  city_no_park_reports: 'Chưa có báo cáo nào của các khu công nghiệp được duyệt trong kỳ.',
  city_closing: '{agency} kính báo cáo {addressee} xem xét, chỉ đạo./.',
  city_recipients: 'Nơi nhận:',
  city_sheet_document: 'Văn bản',
  city_sheet_narratives: 'Báo cáo của các khu công nghiệp',
  city_progress: 'Tiến độ thực hiện',
  city_difficulties: 'Khó khăn, vướng mắc',
  city_proposals: 'Đề xuất, kiến nghị',
  city_approved: 'Ngày duyệt',
  city_document_number: 'Số, ký hiệu',
  city_issued_on: 'Ngày ban hành',
  city_addressee_label: 'Kính gửi',
  city_signer: 'Người ký',
  city_version: 'Phiên bản',
  city_supersedes: 'Thay thế văn bản',
  city_none: 'không',
};

export const MESSAGES: Readonly<Record<ReportLanguage, Readonly<Record<MessageKey, string>>>> = { en, vi };

/** Texts of one language; `{name}` placeholders are filled from `values`. */
export interface Translator {
  readonly language: ReportLanguage;
  (key: MessageKey, values?: Readonly<Record<string, string | number>>): string;
  /** A key built at run time (a status, state or violation code); unknown ones print as given. */
  dynamic(prefix: 'status' | 'state' | 'violation' | 'decision', code: string): string;
  period(period: ReportPeriod): string;
  number(value: number, fractionDigits?: number): string;
  percent(share: number | null): string;
  /** An instant as local time (Asia/Ho_Chi_Minh), e.g. 01/11/2026 06:00, in both languages. */
  dateTime(at: Date): string;
  day(day: string): string;
  /**
   * A document's date as Decree 30/2020/ND-CP writes it: 'ngày 07 tháng 12 năm 2026' (a day below 10 and a
   * month below 3 with a leading zero); '7 December 2026' in English.
   */
  documentDate(day: string): string;
}

export function translator(language: ReportLanguage): Translator {
  const texts = MESSAGES[language];
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  const t = ((key: MessageKey, values?: Readonly<Record<string, string | number>>) =>
    texts[key].replace(/\{(\w+)\}/g, (all, name: string) =>
      values && name in values ? String(values[name]) : all,
    )) as Translator;
  return Object.assign(t, {
    language,
    dynamic: (prefix: 'status' | 'state' | 'violation' | 'decision', code: string) => {
      const key = `${prefix}_${code}`;
      return key in texts ? texts[key as MessageKey] : code;
    },
    period: (p: ReportPeriod) => periodLabel(texts, p.kind, p.key),
    number: (value: number, fractionDigits = 0) =>
      value.toLocaleString(locale, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
    percent: (share: number | null) =>
      share === null
        ? texts.noData
        : `${(share * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`,
    // Hai Phong time is UTC+7 all year (no daylight saving), as the calendar helpers assume.
    dateTime: (at: Date) => {
      const local = new Date(at.getTime() + 7 * 3_600_000).toISOString();
      return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
    },
    day: (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`,
    documentDate: (day: string) => {
      const [year, month, date] = day.split('-').map(Number);
      if (language === 'en')
        return `${date} ${new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}`;
      const two = (n: number) => String(n).padStart(2, '0');
      return `ngày ${two(date)} tháng ${month < 3 ? two(month) : month} năm ${year}`;
    },
  });
}

/** "Tháng 10/2026", "Quý 4/2026", "Năm 2026"; "Month 10/2026", ... */
function periodLabel(texts: Readonly<Record<MessageKey, string>>, kind: ReportKind, key: string): string {
  const [year, part] = key.split('-');
  switch (kind) {
    case 'month':
      return `${texts.month} ${part}/${year}`;
    case 'quarter':
      return `${texts.quarter} ${part.slice(1)}/${year}`;
    case 'year':
      return `${texts.year} ${year}`;
  }
}
