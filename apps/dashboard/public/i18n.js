// @ts-check
// Vietnamese by default, English on the switch; the choice is kept in localStorage.

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const STORAGE_KEY = 'hp.lang';

const VI = {
  appTitle: 'Giám sát môi trường KCN Hải Phòng',
  appShort: 'Môi trường KCN Hải Phòng',
  appSubtitle: 'Nước thải theo QCVN 40 · Chất thải nguy hại · Cảnh báo',
  navOverview: 'Tổng quan',
  navAlerts: 'Cảnh báo',
  navWaste: 'Chất thải nguy hại',
  navWasteShort: 'CTNH',
  navReports: 'Báo cáo',
  navConsole: 'Trực tuyến',
  navConsoleTitle: 'Bảng điều hành trực tuyến (giao diện mới)',
  brandPhone: 'KCN Hải Phòng',
  logout: 'Đăng xuất',
  switchTo: 'EN',
  switchToLabel: 'Switch to English',
  mainNav: 'Điều hướng chính',
  role_admin: 'Quản trị hệ thống',
  role_officer: 'Cán bộ môi trường',
  role_manager: 'Lãnh đạo',
  role_park_operator: 'Vận hành KCN',
  loading: 'Đang tải…',
  retry: 'Thử lại',
  errorLoad: 'Không tải được dữ liệu',
  accessDenied: 'Không có quyền truy cập',
  accessDeniedText: 'Tài khoản của bạn chỉ được xem các khu công nghiệp được giao quản lý.',
  notFound: 'Không tìm thấy',
  notFoundText: 'Không có dữ liệu nào ứng với địa chỉ này.',
  backToOverview: 'Về trang tổng quan',
  updatedAt: 'Cập nhật lúc {time}',
  live: 'Trực tiếp',
  liveConnecting: 'Đang kết nối…',
  liveOffline: 'Mất kết nối',
  noData: 'Không có dữ liệu',
  none: '—',
  details: 'Chi tiết',
  serverText: 'Nội dung từ hệ thống (tiếng Anh)',

  loginTitle: 'Đăng nhập',
  loginIntro:
    'Dành cho cán bộ Sở Nông nghiệp và Môi trường, Ban quản lý Khu kinh tế Hải Phòng và đơn vị vận hành khu công nghiệp.',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  loginButton: 'Đăng nhập',
  loginBusy: 'Đang đăng nhập…',
  loginFailed: 'Sai tên đăng nhập hoặc mật khẩu.',
  loginTooMany: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.',
  loginError: 'Không đăng nhập được: {message}',
  sessionExpired: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  publicDisclosure: 'Công khai kết quả quan trắc tự động (không cần đăng nhập)',

  status_met: 'Đạt chuẩn',
  status_exceedance: 'Vượt chuẩn',
  status_suspected_exceedance: 'Nghi vượt chuẩn (chờ xem xét)',
  status_insufficient_data: 'Thiếu dữ liệu',
  status_no_permit: 'Chưa có giấy phép',
  status_no_operating_plant: 'Chưa vận hành',
  verdict_compliant: 'Đạt chuẩn',
  verdict_exceedance: 'Vượt chuẩn',
  verdict_suspected_exceedance: 'Nghi vượt chuẩn',
  verdict_insufficient_data: 'Thiếu dữ liệu',
  verdict_no_permit: 'Chưa có giấy phép',
  verdict_missing: 'Không có số liệu',
  opstatus_operating: 'Đang hoạt động',
  opstatus_under_construction: 'Đang xây dựng',
  opstatus_planned: 'Quy hoạch',
  opstatus_suspended: 'Tạm dừng',
  opstatus_closed: 'Đã đóng',

  overviewTitle: 'Tổng quan',
  overviewLead: 'Tình hình tuân thủ môi trường của các khu công nghiệp Hải Phòng',
  targetWastewater: 'KCN có hệ thống xử lý nước thải đạt QCVN 40',
  targetWastewaterDetail: '{met}/{total} KCN đang hoạt động đạt chuẩn trong tháng {month}',
  targetWaste: 'Chất thải nguy hại được thu gom, xử lý đúng quy định',
  targetWasteDetail: '{treated} / {generated} phát sinh trong năm {year}',
  target2030: 'Mục tiêu đến năm 2030: 100 %',
  countOpenAlerts: 'Cảnh báo đang mở',
  countCritical: '{n} nghiêm trọng',
  countOperatingParks: 'KCN đang hoạt động',
  countParksMeeting: '{n} đạt chuẩn hôm nay',
  countNonConformingLots: 'Lô CTNH không đạt (năm)',
  countNonConformingKg: '{kg} không đạt',
  parksToday: 'Các khu công nghiệp hôm nay',
  parksTodayNote: 'Màu theo kết quả đánh giá nước thải ngày {day}',
  provisional: 'Tạm tính',
  provisionalHint:
    'Kết quả tạm tính: ngày chưa kết thúc, đánh giá trên số bản ghi dự kiến đến thời điểm này; sẽ chốt sau khi hết ngày và thời gian chờ dữ liệu trễ.',
  notMeetingTitle: 'KCN chưa đạt chuẩn trong tháng và lý do',
  notMeetingProvisionalHint:
    'Tạm tính: kết quả dựa trên ngày chưa chốt (hôm nay hoặc còn trong thời gian chờ dữ liệu trễ), có thể thay đổi.',
  allMeet: 'Tất cả KCN đang hoạt động đều đạt chuẩn.',
  trendTitle: 'Tỷ lệ KCN đạt chuẩn 12 tháng gần nhất',
  operatorScope: 'Bạn đang xem các KCN được giao: {parks}',
  legend: 'Chú giải',
  otherParks: 'KCN chưa vận hành ({n})',

  parkFacts: 'Thông tin chung',
  district: 'Địa bàn',
  area: 'Diện tích',
  developer: 'Chủ đầu tư hạ tầng',
  economicZone: 'Khu kinh tế',
  operatingStatus: 'Tình trạng',
  complianceMonth: 'Tuân thủ nước thải tháng {month}',
  stationsTitle: 'Nhà máy xử lý và trạm quan trắc tự động',
  capacity: 'Công suất thiết kế',
  receivingWater: 'Nguồn tiếp nhận',
  stationKind_outlet: 'Cửa xả',
  stationKind_inlet: 'Đầu vào',
  daysCompliant: 'Ngày đạt',
  daysExceedance: 'Ngày vượt chuẩn',
  daysInsufficient: 'Ngày thiếu dữ liệu',
  daysNoPermit: 'Ngày chưa có giấy phép',
  daysMissing: 'Ngày không có số liệu',
  daysOf: '{n}/{total} ngày',
  wasteYear: 'Chất thải nguy hại năm {year}',
  nonConformingLots: 'Lô không đạt và lý do',
  inProgressLots: 'Lô đang trong thời hạn xử lý',
  noNonConforming: 'Không có lô nào vi phạm.',
  noInProgress: 'Không có lô đang xử lý.',
  openAlertsOfPark: 'Cảnh báo đang mở của KCN',
  moreAlerts: 'Xem thêm {n} cảnh báo',
  noPlants: 'KCN chưa có nhà máy xử lý nước thải tập trung được đăng ký.',
  viewChart: 'Xem biểu đồ',
  station: 'Trạm',
  reasons: 'Lý do',

  rangeDay: '24 giờ',
  rangeWeek: '7 ngày',
  rangeMonth: '30 ngày',
  rangeYear: '12 tháng',
  range: 'Khoảng thời gian',
  res_raw: 'số liệu gốc',
  res_hour: 'trung bình giờ',
  res_day: 'trung bình ngày',
  chartsTitle: 'Diễn biến các thông số ({resolution})',
  otherLimits: 'Giới hạn của các thông số trạm không đo',
  permitLimit: 'Giới hạn cho phép',
  limitBasis: 'Căn cứ: {basis}',
  permitInForce: 'Giấy phép: {standard}, cột {column}{number}',
  kfFromFlow: 'Kf {kf} theo lưu lượng xả cho phép {flow} m³/ngày (bảng Kf của {standard})',
  kfExplicit: 'Kf {kf} do giấy phép nêu: {reason}',
  kfUnstated: 'Kf {kf} (chưa ghi lưu lượng xả cho phép hay lý do)',
  notJudged: 'Không đánh giá theo giấy phép này',
  flowOutsideBand:
    'Ngày {day}: lưu lượng đo {flow} m³/ngày nằm ngoài dải lưu lượng của Kf {kf} trong giấy phép ({band}); lưu lượng này ứng với Kf {measuredKf}',
  noPermitNote:
    'Trạm chưa có giấy phép xả thải còn hiệu lực nên chưa có đường giới hạn và chưa đánh giá vượt chuẩn.',
  legendValue: 'Giá trị đo',
  legendRange: 'Khoảng nhỏ nhất – lớn nhất',
  legendCalibration: 'Hiệu chuẩn (01)',
  legendDeviceError: 'Lỗi thiết bị (02)',
  legendNotMeasuring: 'Có số liệu hiệu chuẩn / lỗi thiết bị',
  legendExceed: 'Vượt giới hạn',
  truncated: 'Chỉ hiển thị {n} bản ghi mới nhất.',
  dataCapture: 'Tỷ lệ thu nhận dữ liệu',
  dataCaptureNote: 'Bản ghi hợp lệ / bản ghi dự kiến, theo ngày (cần ≥ 75 %)',
  exceedancesTitle: 'Ngày vượt chuẩn',
  noExceedances: 'Không có ngày vượt chuẩn trong khoảng thời gian này.',
  setAsideTitle: 'Số liệu bị loại tạm (đường phẳng)',
  setAsideIntro:
    'Bộ lọc tự động tạm loại các giá trị lặp lại liên tiếp (đường phẳng) nhưng không xoá chúng. Giá trị tạm loại vượt giới hạn làm ngày đó "nghi vượt chuẩn" cho đến khi cán bộ xác nhận (tính là số liệu hợp lệ) hoặc bác bỏ (giữ loại).',
  setAsideNone: 'Không có số liệu bị tạm loại trong khoảng thời gian này.',
  setAsideLine: '{param}: {n} giá trị tạm loại ({run} giá trị giống nhau liên tiếp trở lên), {range}',
  setAsideBeyond: 'vượt giới hạn {limit}',
  setAsideWithin: 'trong giới hạn {limit}',
  review_confirmed: 'Đã xác nhận là số liệu thật',
  review_rejected: 'Đã bác bỏ (lỗi thiết bị)',
  review_pending: 'Chờ cán bộ xem xét',
  reviewNote: 'Căn cứ xem xét',
  reviewConfirm: 'Xác nhận vượt chuẩn',
  reviewReject: 'Bác bỏ',
  reviewBy: '{decision} · {reviewer}, {at}: {note}',
  reviewNoteRequired: 'Vui lòng ghi căn cứ xem xét.',
  reviewDone: 'Đã ghi nhận. Kết luận ngày: {verdict}',
  dayVerdicts: 'Kết quả đánh giá theo ngày',
  day: 'Ngày',
  parameter: 'Thông số',
  maximum: 'Lớn nhất',
  latest: 'Mới nhất',
  devices: 'Thiết bị',
  reportingInterval: 'Tần suất truyền số liệu',
  minutes: '{n} phút',
  cadence: 'Chu kỳ đo',
  plant: 'Nhà máy xử lý',

  alertsTitle: 'Cảnh báo',
  alertsLead: 'Cảnh báo mới nhất trước, cập nhật trực tiếp',
  alertStatus_open: 'Đang mở',
  alertStatus_acknowledged: 'Đã xác nhận',
  alertStatus_resolved: 'Đã xử lý',
  filterPark: 'Khu công nghiệp',
  allParks: 'Tất cả KCN',
  filterSeverity: 'Mức độ',
  allSeverities: 'Tất cả mức độ',
  sev_critical: 'Nghiêm trọng',
  sev_warning: 'Cần chú ý',
  sev_info: 'Thông tin',
  acknowledge: 'Xác nhận',
  resolve: 'Đóng cảnh báo',
  kind_threshold: 'Vượt ngưỡng',
  kind_window_mean: 'Trung bình vượt ngưỡng',
  kind_rate_of_change: 'Biến động bất thường',
  kind_no_data: 'Mất số liệu',
  kind_device_offline: 'Thiết bị mất kết nối',
  kind_status_stuck: 'Thiết bị kéo dài trạng thái bất thường',
  kind_waste_violation: 'Vi phạm chất thải nguy hại',
  kind_daily_exceedance: 'Vượt chuẩn theo ngày',
  kind_data_quality: 'Chất lượng dữ liệu',
  // Data-quality signals of a station (views/station-data-quality.js, libs/data-quality).
  dqTitle: 'Chất lượng dữ liệu',
  dqNote:
    'Điểm 0–100 mỗi ngày: 100 trừ trọng số của các dấu hiệu đang bật. Mỗi dấu hiệu bật sau vài ngày liên tiếp và tắt sau vài ngày bình thường.',
  dqScore: 'Điểm hiện tại',
  dqScoreOf: 'ngày {day}',
  dqNoDays: 'Chưa có ngày nào được đánh giá.',
  dqActive: 'Dấu hiệu đang bật',
  dqNoActive: 'Không có dấu hiệu nào đang bật.',
  dqSince: 'từ {day}',
  dqRecent: 'Các ngày có dấu hiệu gần đây',
  dqSignal: 'Dấu hiệu',
  dqDetail: 'Chi tiết',
  dq_STUCK_VALUE: 'Giá trị đứng yên',
  dq_NEAR_LIMIT_CLUSTER: 'Giá trị dồn sát dưới giới hạn',
  dq_REPEATED_DAY: 'Chuỗi số liệu lặp lại ngày trước',
  dq_CALIBRATION_OFF_SCHEDULE: 'Hiệu chuẩn ngoài lịch',
  dq_CLOCK_DRIFT: 'Lệch đồng hồ thiết bị',
  dq_DROP_BEFORE_EXCEEDANCE: 'Tụt đột ngột khi sắp vượt chuẩn',
  dq_INSPECTION_GAP: 'Mất dữ liệu quanh đợt kiểm tra',
  dqp_STUCK_VALUE: '{parameter} giữ nguyên {value} trong {records} bản ghi liên tiếp (ngưỡng {runRecords})',
  dqp_NEAR_LIMIT_CLUSTER:
    '{parameter}: {share} giá trị hợp lệ nằm trong {bandLow}–100 % Cmax ({cmax}), không giá trị nào vượt',
  dqp_REPEATED_DAY: '{parameter} trùng với ngày {sameAsDay} ở {share} số thời điểm ({pairs})',
  dqp_DROP_BEFORE_EXCEEDANCE: '{parameter} tăng đến {peak} (Cmax {cmax}) rồi tụt còn {after} lúc {at}',
  dqr_NOT_DUE: '{parameter}: hiệu chuẩn (01) vào ngày không có trong lịch đã khai báo',
  dqr_OUTSIDE_WINDOW: '{parameter}: hiệu chuẩn (01) ngoài khung giờ đã khai báo, lúc {first}',
  dqr_TOO_OFTEN: '{parameter}: hiệu chuẩn {episodes} lần trong ngày (tối đa {maxPerDay})',
  dqr_FUTURE_TIMESTAMPS: '{futureRecords} bản ghi mang thời gian ở tương lai so với lúc nhận',
  dqr_STEADY_OFFSET: 'Thời gian thiết bị lệch ổn định khoảng {medianLagSeconds} giây so với lúc nhận',
  dqr_GAP: 'Mất dữ liệu {longestGapMinutes} phút quanh đợt kiểm tra đã báo trước',
  dqr_CAPTURE_DROP:
    'Bản ghi hợp lệ giảm còn {validPerHour}/giờ (thường lệ {baselinePerHour}/giờ) quanh đợt kiểm tra',
  firstSeen: 'Xuất hiện',
  lastSeen: 'Gần nhất',
  occurrences: '{n} lần',
  acknowledgedBy: 'Đã xác nhận bởi {by}, {time}',
  resolvedAt: 'Đã xử lý {time}',
  noAlerts: 'Không có cảnh báo nào.',
  newBadge: 'Mới',
  actionFailed: 'Không thực hiện được: {message}',
  showing: '{n} cảnh báo',
  silenced: 'Đang tạm tắt thông báo',

  wasteTitle: 'Chất thải nguy hại',
  wasteLead: 'Chuỗi phát sinh – chuyển giao – tiếp nhận – xử lý (Thông tư 02/2022/TT-BTNMT)',
  wasteTargetYear: 'Tỷ lệ thu gom, xử lý đúng quy định năm {year}',
  declaredTitle: 'Đối chiếu với lượng phát sinh khai báo năm {year}',
  declaredLead:
    'Lượng CTNH chủ nguồn thải khai báo trong báo cáo hằng năm (Thông tư 02/2022/TT-BTNMT) so với lượng được theo dõi theo lô và lượng xử lý đúng quy định; tỷ lệ tính trên các chủ nguồn thải đã khai báo.',
  declaredSummary:
    'Toàn thành phố: khai báo {declared} · đã theo dõi {tracked} ({trackedShare}) · xử lý đúng quy định {treated} ({treatedShare})',
  declaredKg: 'Khai báo cả năm',
  trackedKg: 'Đã theo dõi',
  trackingCol: 'Theo dõi',
  tracking_tracked: 'Đang theo dõi',
  tracking_not_tracked: 'Chưa theo dõi',
  tracking_no_data: 'Chưa có dữ liệu',
  notDeclared: 'Chưa khai báo',
  undeclaredTracked: 'Ngoài khai báo: {kg}',
  byGenerator: 'Theo chủ nguồn thải',
  generated: 'Phát sinh',
  treatedConforming: 'Xử lý đúng quy định',
  nonConforming: 'Không đạt',
  inProgress: 'Chưa hoàn tất (trong hạn)',
  lotsN: '{n} lô',
  byPark: 'Theo khu công nghiệp',
  share: 'Tỷ lệ đạt',
  lot: 'Lô',
  generator: 'Chủ nguồn thải',
  wasteCode: 'Mã CTNH',
  state: 'Trạng thái',
  mass: 'Khối lượng',
  violations: 'Vi phạm',
  storageDeadline: 'Hạn lưu giữ',
  manifestDeadline: 'Hạn hoàn tất chứng từ',
  lotState_stored: 'Đang lưu giữ tại cơ sở phát sinh',
  lotState_handed_over: 'Đã chuyển giao',
  lotState_received: 'Đã tiếp nhận',
  lotState_treated: 'Đã xử lý',
  standing_treated_conforming: 'Xử lý đúng quy định',
  standing_non_conforming: 'Không đạt',
  standing_in_progress: 'Chưa hoàn tất (trong hạn)',
  manifestSearch: 'Tra cứu chứng từ chất thải nguy hại',
  manifestNumber: 'Số chứng từ',
  lotSearch: 'Tra cứu lô chất thải',
  lotCode: 'Mã lô',
  search: 'Tra cứu',
  manifest_open: 'Chưa hoàn tất',
  manifest_closed: 'Đã hoàn tất',
  handedOverKg: 'Khối lượng chuyển giao',
  receivedKg: 'Khối lượng tiếp nhận',
  transporter: 'Đơn vị vận chuyển',
  facility: 'Cơ sở xử lý',
  treatmentMethod: 'Phương pháp xử lý',
  certificate: 'Biên bản xử lý',
  chain: 'Chuỗi chuyển giao',
  events: 'Sự kiện ghi nhận',
  gateway: 'Cổng dữ liệu',
  selectPark: 'Chọn KCN',
  parkLots: 'Lô chất thải của {park}',
  noWaste: 'Chưa có lô chất thải nguy hại nào được ghi nhận.',
  event_lot_generated: 'Phát sinh',
  event_lot_handed_over: 'Chuyển giao',
  event_lot_received: 'Tiếp nhận',
  event_lot_treated: 'Xử lý',
  event_lot_stored: 'Lưu giữ',
  event_lot_storage_checked: 'Kiểm tra kho lưu giữ',
  event_lot_lost: 'Thất lạc',
  method_incineration: 'Thiêu đốt',
  method_solidification: 'Hóa rắn',
  method_recycling: 'Tái chế',
  method_physico_chemical_treatment: 'Xử lý hóa lý',
  time: 'Thời điểm',
  kind: 'Loại',
  violation_chain_gap: 'Thiếu khâu trong chuỗi',
  violation_chain_order: 'Sai thứ tự chuỗi',
  violation_conflicting_events: 'Sự kiện mâu thuẫn',
  violation_facility_mismatch: 'Sai cơ sở xử lý',
  violation_licence_expired: 'Giấy phép hết hạn',
  violation_manifest_mismatch: 'Sai chứng từ',
  violation_manifest_overdue: 'Quá hạn hoàn tất chứng từ',
  violation_mass_mismatch: 'Chênh lệch khối lượng',
  violation_party_not_licensed: 'Đơn vị không được cấp phép',
  violation_storage_condition: 'Điều kiện lưu giữ không đạt',
  violation_storage_overdue: 'Lưu giữ quá hạn',
  violation_treatment_unconfirmed: 'Chưa xác nhận xử lý',
  violation_unregistered_generator: 'Chủ nguồn thải chưa đăng ký',

  param_Flow: 'Lưu lượng',
  param_Temp: 'Nhiệt độ',
  param_pH: 'pH',
  param_TSS: 'Tổng chất rắn lơ lửng (TSS)',
  param_COD: 'Nhu cầu oxy hóa học (COD)',
  param_NH4: 'Amoni (NH₄⁺ tính theo N)',
  param_TN: 'Tổng nitơ',
  param_TP: 'Tổng phốt pho',
  param_Color: 'Độ màu',
  param_TOC: 'Tổng cacbon hữu cơ',
  param_Cl: 'Clorua',

  reportsTitle: 'Báo cáo tiến độ',
  reportsLead: 'Tiến độ hai mục tiêu đến năm 2030 theo tháng, quý hoặc năm, tải về dạng PDF, XLSX hoặc CSV',
  reportFormTitle: 'Tải báo cáo',
  reportKind: 'Loại kỳ',
  periodKind_month: 'Tháng',
  periodKind_quarter: 'Quý',
  periodKind_year: 'Năm',
  reportPeriod: 'Kỳ báo cáo',
  monthOption: 'Tháng {month}',
  quarterOption: 'Quý {q}/{year}',
  yearOption: 'Năm {year}',
  periodCurrent: '{period} (đang diễn ra)',
  reportLanguage: 'Ngôn ngữ báo cáo',
  language_vi: 'Tiếng Việt',
  language_en: 'Tiếng Anh',
  reportFormat: 'Định dạng',
  format_pdf: 'PDF (bản in)',
  format_xlsx: 'XLSX (Excel)',
  format_csv: 'CSV (dữ liệu)',
  reportScope: 'Phạm vi',
  cityWide: 'Toàn thành phố',
  reportDownload: 'Tải về',
  reportBusy: 'Đang tạo báo cáo…',
  reportFailed: 'Không tạo được báo cáo: {message}',
  reportSaved: 'Đã tải về {file}',
  reportNote:
    'Báo cáo được lập từ số liệu hiện có tại thời điểm tải; bản lưu của cùng kỳ, ngôn ngữ và phạm vi sẽ được thay thế.',
  reportOperatorNote: 'Bạn chỉ tải được báo cáo của KCN được giao quản lý.',
  reportRunsTitle: 'Báo cáo đã lập gần đây',
  runGeneratedAt: 'Thời điểm lập',
  runTrigger: 'Cách lập',
  runTrigger_schedule: 'Theo lịch',
  runTrigger_request: 'Theo yêu cầu',
  runStatus_ready: 'Sẵn sàng',
  runStatus_failed: 'Lỗi',
  runFiles: 'Tệp',
  noRuns: 'Chưa có báo cáo nào được lập.',
  // The public disclosure page (disclosure.js, Decree 08/2022 Art. 102).
  pubTitle: 'Công khai kết quả quan trắc nước thải tự động, liên tục',
  pubLead:
    'Kết quả quan trắc tự động, liên tục của các trạm xả thải của khu công nghiệp trong 30 ngày gần nhất, kèm giới hạn của giấy phép môi trường đang có hiệu lực (Điều 102 Nghị định 08/2022/NĐ-CP).',
  pubLicence: 'Dữ liệu mở theo giấy phép',
  pubSignIn: 'Đăng nhập cho cán bộ',
  pubStations: 'Trạm quan trắc',
  pubNoStations: 'Chưa có trạm xả thải nào đang hoạt động.',
  pubNoPermit: 'Chưa có giấy phép: chưa đánh giá',
  pubPermit: 'Giấy phép {number} · {standard} cột {column}',
  pubShow: 'Xem 30 ngày',
  pubDay: 'Ngày',
  pubParameter: 'Thông số',
  pubAll: 'Tất cả',
  pubTime: 'Thời gian',
  pubValue: 'Giá trị',
  pubUnit: 'Đơn vị',
  pubStatus: 'Trạng thái',
  pubLimit: 'Giới hạn',
  pubNotJudged: 'không đánh giá',
  pubNoReadings: 'Không có kết quả quan trắc trong ngày này.',
  pubCsv: 'Tải CSV',
  pubMore: 'Còn {n}+ kết quả: tải CSV để xem đủ.',
  pubCorrected: 'đã hiệu chỉnh',
  pubOver: 'vượt giới hạn',
  pubStatus_00: '00 đang đo',
  pubStatus_01: '01 hiệu chuẩn',
  pubStatus_02: '02 lỗi thiết bị',
  pubError: 'Không tải được dữ liệu',
  pubTooMany: 'Quá nhiều yêu cầu, vui lòng thử lại sau {s} giây.',
};

/** @typedef {keyof typeof VI} MessageKey */

/** @type {Record<MessageKey, string>} */
const EN = {
  appTitle: 'Hai Phong Industrial Parks Environmental Monitoring',
  appShort: 'Hai Phong Parks Environment',
  appSubtitle: 'Wastewater under QCVN 40 · Hazardous waste · Alerts',
  navOverview: 'Overview',
  navAlerts: 'Alerts',
  navWaste: 'Hazardous waste',
  navWasteShort: 'Haz. waste',
  navReports: 'Reports',
  navConsole: 'Live board',
  navConsoleTitle: 'Live operations board (new console)',
  brandPhone: 'Hai Phong parks',
  logout: 'Sign out',
  switchTo: 'VI',
  switchToLabel: 'Chuyển sang tiếng Việt',
  mainNav: 'Main navigation',
  role_admin: 'Administrator',
  role_officer: 'Environmental officer',
  role_manager: 'Manager',
  role_park_operator: 'Park operator',
  loading: 'Loading…',
  retry: 'Retry',
  errorLoad: 'Could not load the data',
  accessDenied: 'Access denied',
  accessDeniedText: 'Your account may only see the industrial parks assigned to it.',
  notFound: 'Not found',
  notFoundText: 'Nothing matches this address.',
  backToOverview: 'Back to the overview',
  updatedAt: 'Updated {time}',
  live: 'Live',
  liveConnecting: 'Connecting…',
  liveOffline: 'Offline',
  noData: 'No data',
  none: '—',
  details: 'Details',
  serverText: 'Text from the platform',

  loginTitle: 'Sign in',
  loginIntro:
    'For officers of the Department of Agriculture and Environment, the Hai Phong Economic Zone Authority and industrial-park operators.',
  username: 'Username',
  password: 'Password',
  loginButton: 'Sign in',
  loginBusy: 'Signing in…',
  loginFailed: 'Wrong username or password.',
  loginTooMany: 'Too many failed sign-ins. Please try again later.',
  loginError: 'Could not sign in: {message}',
  sessionExpired: 'Your session has expired. Please sign in again.',
  publicDisclosure: 'Public automatic monitoring results (no sign-in)',

  status_met: 'Meets standard',
  status_exceedance: 'Exceedance',
  status_suspected_exceedance: 'Suspected exceedance (awaiting review)',
  status_insufficient_data: 'Insufficient data',
  status_no_permit: 'No permit',
  status_no_operating_plant: 'Not operating',
  verdict_compliant: 'Compliant',
  verdict_exceedance: 'Exceedance',
  verdict_suspected_exceedance: 'Suspected exceedance',
  verdict_insufficient_data: 'Insufficient data',
  verdict_no_permit: 'No permit',
  verdict_missing: 'No data',
  opstatus_operating: 'Operating',
  opstatus_under_construction: 'Under construction',
  opstatus_planned: 'Planned',
  opstatus_suspended: 'Suspended',
  opstatus_closed: 'Closed',

  overviewTitle: 'Overview',
  overviewLead: 'Environmental compliance of the Hai Phong industrial parks',
  targetWastewater: 'Parks whose wastewater treatment meets QCVN 40',
  targetWastewaterDetail: '{met} of {total} operating parks met the standard in {month}',
  targetWaste: 'Hazardous waste collected and treated per regulation',
  targetWasteDetail: '{treated} of {generated} generated in {year}',
  target2030: '2030 target: 100 %',
  countOpenAlerts: 'Open alerts',
  countCritical: '{n} critical',
  countOperatingParks: 'Operating parks',
  countParksMeeting: '{n} meeting the standard today',
  countNonConformingLots: 'Non-conforming waste lots (year)',
  countNonConformingKg: '{kg} non-conforming',
  parksToday: 'Industrial parks today',
  parksTodayNote: 'Coloured by the wastewater verdict of {day}',
  provisional: 'Provisional',
  provisionalHint:
    'Provisional: the day is not over; judged on the records expected so far, final once the day has closed and its late-data window has passed.',
  notMeetingTitle: 'Parks not meeting the standard this month, and why',
  notMeetingProvisionalHint:
    'Provisional: rests on days not yet final (today, or still inside the late-data window); it may change.',
  allMeet: 'Every operating park meets the standard.',
  trendTitle: 'Share of parks meeting the standard, last 12 months',
  operatorScope: 'You are viewing your assigned parks: {parks}',
  legend: 'Legend',
  otherParks: 'Parks not yet operating ({n})',

  parkFacts: 'Facts',
  district: 'Locality',
  area: 'Area',
  developer: 'Developer',
  economicZone: 'Economic zone',
  operatingStatus: 'Status',
  complianceMonth: 'Wastewater compliance, {month}',
  stationsTitle: 'Treatment plants and automatic monitoring stations',
  capacity: 'Design capacity',
  receivingWater: 'Receiving water',
  stationKind_outlet: 'Outlet',
  stationKind_inlet: 'Inlet',
  daysCompliant: 'Compliant days',
  daysExceedance: 'Exceedance days',
  daysInsufficient: 'Insufficient-data days',
  daysNoPermit: 'Days without permit',
  daysMissing: 'Days without data',
  daysOf: '{n}/{total} days',
  wasteYear: 'Hazardous waste, {year}',
  nonConformingLots: 'Non-conforming lots and why',
  inProgressLots: 'Lots within their deadlines',
  noNonConforming: 'No lot is non-conforming.',
  noInProgress: 'No lot in progress.',
  openAlertsOfPark: 'Open alerts of the park',
  moreAlerts: '{n} more alerts',
  noPlants: 'The park has no registered central wastewater treatment plant.',
  viewChart: 'View charts',
  station: 'Station',
  reasons: 'Reasons',

  rangeDay: '24 hours',
  rangeWeek: '7 days',
  rangeMonth: '30 days',
  rangeYear: '12 months',
  range: 'Time range',
  res_raw: 'raw readings',
  res_hour: 'hourly means',
  res_day: 'daily means',
  chartsTitle: 'Parameters ({resolution})',
  otherLimits: 'Limits of parameters the station does not measure',
  permitLimit: 'Permit limit',
  limitBasis: 'Basis: {basis}',
  permitInForce: 'Permit: {standard}, column {column}{number}',
  kfFromFlow: 'Kf {kf} from the permitted discharge flow {flow} m³/day ({standard} Kf table)',
  kfExplicit: 'Kf {kf} stated by the permit: {reason}',
  kfUnstated: 'Kf {kf} (no permitted flow or reason recorded)',
  notJudged: 'Not judged under this permit',
  flowOutsideBand:
    "{day}: measured flow {flow} m³/day lies outside the flow band of the permit's Kf {kf} ({band}); that flow has Kf {measuredKf}",
  noPermitNote:
    'No discharge permit is in force for this station: no limit line, and no exceedance is judged.',
  legendValue: 'Measured value',
  legendRange: 'Min – max range',
  legendCalibration: 'Calibration (01)',
  legendDeviceError: 'Device error (02)',
  legendNotMeasuring: 'Calibration / device-error readings',
  legendExceed: 'Above the limit',
  truncated: 'Only the latest {n} readings are shown.',
  dataCapture: 'Data capture',
  dataCaptureNote: 'Valid records / expected records per day (75 % needed)',
  exceedancesTitle: 'Exceedance days',
  noExceedances: 'No exceedance day in this range.',
  setAsideTitle: 'Readings set aside (flat-line)',
  setAsideIntro:
    'The automatic screen sets identical consecutive values (a flat-line) aside but never deletes them. A set-aside value beyond the limit makes the day a "suspected exceedance" until an officer confirms it (judged as valid data) or rejects it (kept aside).',
  setAsideNone: 'No reading was set aside in this range.',
  setAsideLine: '{param}: {n} readings set aside ({run} or more identical consecutive values), {range}',
  setAsideBeyond: 'beyond the limit {limit}',
  setAsideWithin: 'within the limit {limit}',
  review_confirmed: 'Confirmed as real measurements',
  review_rejected: 'Rejected (instrument fault)',
  review_pending: "Awaiting an officer's review",
  reviewNote: 'Grounds for the review',
  reviewConfirm: 'Confirm exceedance',
  reviewReject: 'Reject',
  reviewBy: '{decision} · {reviewer}, {at}: {note}',
  reviewNoteRequired: 'Please state the grounds for the review.',
  reviewDone: 'Recorded. Verdict of the day: {verdict}',
  dayVerdicts: 'Daily verdicts',
  day: 'Day',
  parameter: 'Parameter',
  maximum: 'Max',
  latest: 'Latest',
  devices: 'Devices',
  reportingInterval: 'Reporting interval',
  minutes: '{n} min',
  cadence: 'Cadence',
  plant: 'Treatment plant',

  alertsTitle: 'Alerts',
  alertsLead: 'Newest first, updated live',
  alertStatus_open: 'Open',
  alertStatus_acknowledged: 'Acknowledged',
  alertStatus_resolved: 'Resolved',
  filterPark: 'Industrial park',
  allParks: 'All parks',
  filterSeverity: 'Severity',
  allSeverities: 'All severities',
  sev_critical: 'Critical',
  sev_warning: 'Attention',
  sev_info: 'Info',
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  kind_threshold: 'Threshold exceeded',
  kind_window_mean: 'Window mean exceeded',
  kind_rate_of_change: 'Abnormal change',
  kind_no_data: 'No data',
  kind_device_offline: 'Device offline',
  kind_status_stuck: 'Device status stuck',
  kind_waste_violation: 'Hazardous-waste violation',
  kind_daily_exceedance: 'Daily exceedance',
  kind_data_quality: 'Data quality',
  dqTitle: 'Data quality',
  dqNote:
    'A 0–100 score per day: 100 less the weights of the signals raised. A signal is raised after a few days in a row and cleared after a few normal days.',
  dqScore: 'Current score',
  dqScoreOf: 'day {day}',
  dqNoDays: 'No day has been evaluated yet.',
  dqActive: 'Signals raised',
  dqNoActive: 'No signal is raised.',
  dqSince: 'since {day}',
  dqRecent: 'Recent days with signals',
  dqSignal: 'Signal',
  dqDetail: 'Detail',
  dq_STUCK_VALUE: 'Stuck value',
  dq_NEAR_LIMIT_CLUSTER: 'Values clustering just under the limit',
  dq_REPEATED_DAY: "Series repeating an earlier day's",
  dq_CALIBRATION_OFF_SCHEDULE: 'Calibration off schedule',
  dq_CLOCK_DRIFT: 'Device clock drift',
  dq_DROP_BEFORE_EXCEEDANCE: 'Sudden drop as an exceedance would start',
  dq_INSPECTION_GAP: 'Data gap around an inspection',
  dqp_STUCK_VALUE: '{parameter} held at {value} for {records} consecutive records (threshold {runRecords})',
  dqp_NEAR_LIMIT_CLUSTER:
    '{parameter}: {share} of valid values within {bandLow}–100 % of Cmax ({cmax}), none above',
  dqp_REPEATED_DAY: '{parameter} equal to {sameAsDay} at {share} of times ({pairs})',
  dqp_DROP_BEFORE_EXCEEDANCE: '{parameter} climbed to {peak} (Cmax {cmax}) then fell to {after} at {at}',
  dqr_NOT_DUE: '{parameter}: calibration (01) on a day the declared schedule does not make due',
  dqr_OUTSIDE_WINDOW: '{parameter}: calibration (01) outside the declared window, at {first}',
  dqr_TOO_OFTEN: '{parameter}: calibrated {episodes} times in the day (at most {maxPerDay})',
  dqr_FUTURE_TIMESTAMPS: '{futureRecords} records stamped in the future of their receipt',
  dqr_STEADY_OFFSET: 'Device time steadily about {medianLagSeconds} s behind receipt',
  dqr_GAP: 'No data for {longestGapMinutes} min around an announced inspection',
  dqr_CAPTURE_DROP:
    'Valid records fell to {validPerHour}/h (usually {baselinePerHour}/h) around an inspection',
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  occurrences: '{n} times',
  acknowledgedBy: 'Acknowledged by {by}, {time}',
  resolvedAt: 'Resolved {time}',
  noAlerts: 'No alerts.',
  newBadge: 'New',
  actionFailed: 'Could not do it: {message}',
  showing: '{n} alerts',
  silenced: 'Notifications silenced',

  wasteTitle: 'Hazardous waste',
  wasteLead: 'Generation – handover – receipt – treatment chain (Circular 02/2022/TT-BTNMT)',
  wasteTargetYear: 'Share collected and treated per regulation, {year}',
  declaredTitle: 'Compared with declared annual generation, {year}',
  declaredLead:
    'Hazardous waste each generator declared in its annual report (Circular 02/2022/TT-BTNMT) against what is tracked lot by lot and what is treated per regulation; shares are over the generators that declared.',
  declaredSummary:
    'City: declared {declared} · tracked {tracked} ({trackedShare}) · treated per regulation {treated} ({treatedShare})',
  declaredKg: 'Declared (year)',
  trackedKg: 'Tracked',
  trackingCol: 'Tracking',
  tracking_tracked: 'Tracked',
  tracking_not_tracked: 'Not tracked',
  tracking_no_data: 'No data',
  notDeclared: 'Not declared',
  undeclaredTracked: 'Not declared: {kg}',
  byGenerator: 'By generator',
  generated: 'Generated',
  treatedConforming: 'Treated per regulation',
  nonConforming: 'Non-conforming',
  inProgress: 'Not yet completed (within deadline)',
  lotsN: '{n} lots',
  byPark: 'By industrial park',
  share: 'Share',
  lot: 'Lot',
  generator: 'Generator',
  wasteCode: 'Waste code',
  state: 'State',
  mass: 'Mass',
  violations: 'Violations',
  storageDeadline: 'Storage deadline',
  manifestDeadline: 'Manifest deadline',
  lotState_stored: 'Stored at the generator',
  lotState_handed_over: 'Handed over',
  lotState_received: 'Received',
  lotState_treated: 'Treated',
  standing_treated_conforming: 'Treated per regulation',
  standing_non_conforming: 'Non-conforming',
  standing_in_progress: 'Not yet completed (within deadline)',
  manifestSearch: 'Look up a hazardous-waste manifest',
  manifestNumber: 'Manifest number',
  lotSearch: 'Look up a waste lot',
  lotCode: 'Lot code',
  search: 'Search',
  manifest_open: 'Open',
  manifest_closed: 'Closed',
  handedOverKg: 'Handed over',
  receivedKg: 'Received',
  transporter: 'Transporter',
  facility: 'Treatment facility',
  treatmentMethod: 'Treatment method',
  certificate: 'Treatment certificate',
  chain: 'Chain of custody',
  events: 'Recorded events',
  gateway: 'Gateway',
  selectPark: 'Choose a park',
  parkLots: 'Waste lots of {park}',
  noWaste: 'No hazardous-waste lot has been recorded.',
  event_lot_generated: 'Generated',
  event_lot_handed_over: 'Handed over',
  event_lot_received: 'Received',
  event_lot_treated: 'Treated',
  event_lot_stored: 'Stored',
  event_lot_storage_checked: 'Storage checked',
  event_lot_lost: 'Lost',
  method_incineration: 'Incineration',
  method_solidification: 'Solidification',
  method_recycling: 'Recycling',
  method_physico_chemical_treatment: 'Physico-chemical treatment',
  time: 'Time',
  kind: 'Kind',
  violation_chain_gap: 'Gap in the chain',
  violation_chain_order: 'Chain out of order',
  violation_conflicting_events: 'Conflicting events',
  violation_facility_mismatch: 'Wrong facility',
  violation_licence_expired: 'Licence expired',
  violation_manifest_mismatch: 'Manifest mismatch',
  violation_manifest_overdue: 'Manifest overdue',
  violation_mass_mismatch: 'Mass mismatch',
  violation_party_not_licensed: 'Party not licensed',
  violation_storage_condition: 'Storage conditions',
  violation_storage_overdue: 'Stored too long',
  violation_treatment_unconfirmed: 'Treatment unconfirmed',
  violation_unregistered_generator: 'Unregistered generator',

  param_Flow: 'Flow',
  param_Temp: 'Temperature',
  param_pH: 'pH',
  param_TSS: 'Total suspended solids (TSS)',
  param_COD: 'Chemical oxygen demand (COD)',
  param_NH4: 'Ammonium (NH₄⁺ as N)',
  param_TN: 'Total nitrogen',
  param_TP: 'Total phosphorus',
  param_Color: 'Colour',
  param_TOC: 'Total organic carbon',
  param_Cl: 'Chloride',

  reportsTitle: 'Progress reports',
  reportsLead: 'Progress on both 2030 targets for a month, quarter or year, as PDF, XLSX or CSV',
  reportFormTitle: 'Download a report',
  reportKind: 'Period type',
  periodKind_month: 'Month',
  periodKind_quarter: 'Quarter',
  periodKind_year: 'Year',
  reportPeriod: 'Period',
  monthOption: '{month}',
  quarterOption: 'Q{q} {year}',
  yearOption: '{year}',
  periodCurrent: '{period} (in progress)',
  reportLanguage: 'Report language',
  language_vi: 'Vietnamese',
  language_en: 'English',
  reportFormat: 'Format',
  format_pdf: 'PDF (print)',
  format_xlsx: 'XLSX (Excel)',
  format_csv: 'CSV (data)',
  reportScope: 'Scope',
  cityWide: 'City-wide',
  reportDownload: 'Download',
  reportBusy: 'Generating the report…',
  reportFailed: 'The report could not be generated: {message}',
  reportSaved: 'Downloaded {file}',
  reportNote:
    'The report is drawn up from the data available when you download it; it replaces the stored one of the same period, language and scope.',
  reportOperatorNote: 'You can download the reports of your assigned parks only.',
  reportRunsTitle: 'Recently generated reports',
  runGeneratedAt: 'Generated',
  runTrigger: 'Trigger',
  runTrigger_schedule: 'Scheduled',
  runTrigger_request: 'On request',
  runStatus_ready: 'Ready',
  runStatus_failed: 'Failed',
  runFiles: 'Files',
  noRuns: 'No report has been generated yet.',
  // The public disclosure page (disclosure.js, Decree 08/2022 Art. 102).
  pubTitle: 'Continuous automatic wastewater monitoring: public results',
  pubLead:
    "Each industrial park outlet station's continuous automatic monitoring results of the last 30 days, with the limits of the environmental permit in force (Decree 08/2022/ND-CP, Article 102).",
  pubLicence: 'Open data under the licence',
  pubSignIn: 'Officers sign in',
  pubStations: 'Monitoring stations',
  pubNoStations: 'No outlet station is active yet.',
  pubNoPermit: 'No permit: not judged',
  pubPermit: 'Permit {number} · {standard} column {column}',
  pubShow: 'Show 30 days',
  pubDay: 'Day',
  pubParameter: 'Parameter',
  pubAll: 'All',
  pubTime: 'Time',
  pubValue: 'Value',
  pubUnit: 'Unit',
  pubStatus: 'Status',
  pubLimit: 'Limit',
  pubNotJudged: 'not judged',
  pubNoReadings: 'No monitoring results on this day.',
  pubCsv: 'Download CSV',
  pubMore: 'More than {n} results: download the CSV for all of them.',
  pubCorrected: 'corrected',
  pubOver: 'over the limit',
  pubStatus_00: '00 measuring',
  pubStatus_01: '01 calibrating',
  pubStatus_02: '02 device error',
  pubError: 'The data could not be loaded',
  pubTooMany: 'Too many requests; please try again in {s} s.',
};

/** @typedef {'vi' | 'en'} Lang */

/** @type {Lang} */
let current = readStoredLang();

/** @returns {Lang} */
function readStoredLang() {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** @returns {Lang} */
export function lang() {
  return current;
}

/** @param {Lang} next */
export function setLang(next) {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
}

/**
 * A message, with `{name}` placeholders filled.
 * @param {MessageKey} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params) {
  const text = (current === 'en' ? EN : VI)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * The label of an enumerated value (`status_met`, `kind_no_data`, ...), or the value itself if none.
 * @param {string} prefix
 * @param {string} value
 */
export function label(prefix, value) {
  /** @type {Record<string, string>} */
  const table = current === 'en' ? EN : VI;
  return table[`${prefix}_${value.replace(/[^A-Za-z0-9]/g, '_')}`] ?? value;
}

function locale() {
  return current === 'en' ? 'en-GB' : 'vi-VN';
}

/**
 * @param {number | null | undefined} value
 * @param {number} [digits]
 */
export function num(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return t('none');
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/**
 * A limit exactly as the permit sets it (148.5 stays 148.5: never rounded for display).
 * @param {number | null | undefined} value
 */
export function exact(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return t('none');
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 20 }).format(value);
}

/** @param {number | null | undefined} share 0-1 */
export function pct(share) {
  if (share === null || share === undefined) return t('none');
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/**
 * The mass of a lot, in kg.
 * @param {number | null | undefined} kg
 */
export function mass(kg) {
  if (kg === null || kg === undefined) return t('none');
  return `${num(kg, 1)} kg`;
}

/**
 * A total, in tonnes.
 * @param {number | null | undefined} kg
 */
export function tonnes(kg) {
  if (kg === null || kg === undefined) return t('none');
  return `${num(kg / 1000, kg >= 10_000 ? 1 : 2)} t`;
}

/**
 * Date and time in Hai Phong.
 * @param {string | Date | null | undefined} value
 * @param {'datetime' | 'date' | 'time'} [style]
 */
export function when(value, style = 'datetime') {
  if (value === null || value === undefined) return t('none');
  const date = typeof value === 'string' ? new Date(value) : value;
  /** @type {Intl.DateTimeFormatOptions} */
  const options = { timeZone: TIME_ZONE };
  if (style === 'date' || style === 'datetime')
    Object.assign(options, { day: '2-digit', month: '2-digit', year: 'numeric' });
  if (style !== 'date') Object.assign(options, { hour: '2-digit', minute: '2-digit', hour12: false });
  return new Intl.DateTimeFormat(locale(), options).format(date);
}

/** @param {string} month 'YYYY-MM' */
export function monthLabel(month) {
  const [y, m] = month.split('-');
  return current === 'en'
    ? new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      )
    : `${Number(m)}/${y}`;
}

/** @param {string} month 'YYYY-MM' */
export function monthShort(month) {
  const [, m] = month.split('-');
  return current === 'en'
    ? new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      )
    : `T${Number(m)}`;
}

/** Display units of the Circular 10/2021 parameters. */
export const UNITS = /** @type {Record<string, string>} */ ({
  Flow: 'm³/h',
  Temp: '°C',
  pH: '',
  TSS: 'mg/L',
  COD: 'mg/L',
  NH4: 'mg/L',
  TN: 'mg/L',
  TP: 'mg/L',
  Color: 'Pt-Co',
  TOC: 'mg/L',
  Cl: 'mg/L',
});

/** Parameter order of the charts (Circular 10/2021). */
export const PARAMETER_ORDER = ['Flow', 'Temp', 'pH', 'TSS', 'COD', 'NH4', 'TN', 'TP', 'Color', 'TOC', 'Cl'];

// Reasons (verdicts, park standings) arrive as codes with parameters; the server's one ICU message
// catalogue (libs/contracts/src/messages/reason-messages.json) words them here as in reports and notices,
// with intl-messageformat's browser build. Both are served by the api app on this origin; loaded once.
const REASON_CATALOGUE_URL = '/i18n/reason-messages.json';
const MESSAGE_FORMAT_URL = '/vendor/intl-messageformat.js';

/**
 * @typedef {{ format(values: Record<string, unknown>): unknown, getAst(): any[] }} CompiledMessage
 * @typedef {new (message: string, locale: string, formats: object) => CompiledMessage} MessageFormatClass
 * @typedef {{ locales: Record<Lang, string>, formats: object } & Record<Lang, Record<string, string>>} ReasonCatalogue
 */
const reasonSupport = await Promise.all([
  import(/* @vite-ignore */ MESSAGE_FORMAT_URL),
  fetch(REASON_CATALOGUE_URL).then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status))))),
]).then(
  ([module, catalogue]) => ({
    IntlMessageFormat: /** @type {MessageFormatClass} */ (module.IntlMessageFormat),
    catalogue: /** @type {ReasonCatalogue} */ (catalogue),
  }),
  () => null,
);
/** @type {Map<string, { format: CompiledMessage, timeArgs: Set<string> }>} */
const compiledReasons = new Map();

/**
 * ICU select works on strings (as libs/contracts messageValues): booleans 'true'/'false', null and ''
 * 'none', a local day its midnight in Hai Phong, an instant a Date where the message formats it as a time.
 * @param {Record<string, unknown>} params
 * @param {Set<string>} timeArgs
 */
function reasonValues(params, timeArgs) {
  /** @type {Record<string, unknown>} */
  const values = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'boolean') values[name] = String(value);
    else if (value === null || value === undefined || value === '') values[name] = 'none';
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
      values[name] = new Date(`${value}T00:00:00+07:00`);
    else if (typeof value === 'string' && timeArgs.has(name) && !Number.isNaN(Date.parse(value)))
      values[name] = new Date(value);
    else values[name] = value;
  }
  return values;
}

/**
 * The arguments a message formats as a date or time, at any depth (as libs/contracts timeArguments; the
 * parser's element types: 3 date, 4 time, 5 select, 6 plural, 8 tag).
 * @param {any[]} elements
 * @param {Set<string>} [into]
 * @returns {Set<string>}
 */
function timeArguments(elements, into = new Set()) {
  for (const element of elements) {
    if (element.type === 3 || element.type === 4) into.add(element.value);
    else if (element.type === 5 || element.type === 6)
      for (const option of Object.values(element.options)) timeArguments(option.value, into);
    else if (element.type === 8) timeArguments(element.children, into);
  }
  return into;
}

/**
 * A reason in the current language, from the shared catalogue; its code and parameters if the catalogue
 * could not be loaded or lacks it.
 * @param {{ code: string, params: Record<string, unknown> }} r
 */
export function reason(r) {
  const key = `${current}:${r.code}`;
  let compiled = compiledReasons.get(key);
  const message = reasonSupport?.catalogue[current]?.[r.code];
  if (!compiled && reasonSupport && message !== undefined) {
    const format = new reasonSupport.IntlMessageFormat(
      message,
      reasonSupport.catalogue.locales[current],
      reasonSupport.catalogue.formats,
    );
    compiled = { format, timeArgs: timeArguments(format.getAst()) };
    compiledReasons.set(key, compiled);
  }
  if (!compiled) return `${r.code} ${JSON.stringify(r.params)}`;
  return String(compiled.format.format(reasonValues(r.params, compiled.timeArgs)));
}
