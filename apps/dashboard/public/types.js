// @ts-check
// Shapes of the REST API answers the dashboard reads: aliases of the types generated from the API's OpenAPI
// document (api-types.d.ts, `npm run api:types`), under the names the views use. Types only.

/** @typedef {import('./api-types').Role} Role */
/** @typedef {import('./api-types').SessionUser} SessionUser */
/** @typedef {import('./api-types').TokenPair} TokenPair */
/**
 * What the dashboard keeps of a sign-in (not an API shape).
 * @typedef {{ accessToken: string, refreshToken: string, expiresAt: number, user: SessionUser }} Session
 */

/** @typedef {import('./api-types').ParkDto['operatingStatus']} OperatingStatus */
/** @typedef {import('./api-types').StationSummaryDto} StationSummary */
/** @typedef {import('./api-types').TreatmentPlantDto} TreatmentPlant */
/** @typedef {import('./api-types').ParkDto} Park */
/** @typedef {import('./api-types').DischargePermitDto} Permit */
/** @typedef {import('./api-types').StationDetailDto} StationDetail */

/** @typedef {import('./api-types').ReadingDto['status']} ReadingStatus */
/** @typedef {import('./api-types').ReadingDto} Reading */
/** @typedef {import('./api-types').ReadingBucketDto} ReadingBucket */
/** @typedef {import('./api-types').StationReadingsDto} StationReadings */

/** @typedef {import('./api-types').ParameterLimit} ParameterLimit */
/** @typedef {import('./api-types').LimitsPermit} LimitsPermit */
/** @typedef {import('./api-types').StationLimits} StationLimits */
/** @typedef {import('./api-types').DayWarning} DayWarning */
/** @typedef {import('./api-types').DayVerdict} DayVerdict */
/** @typedef {import('./api-types').SetAsideReview} SetAsideReview */
/** @typedef {import('./api-types').ParameterDay} ParameterDay */
/** @typedef {import('./api-types').StationDay} StationDay */
/** @typedef {import('./api-types').StationDaily} StationDaily */
/** @typedef {import('./api-types').ParkStatus} ParkStatus */
/** @typedef {import('./api-types').StationPeriod} StationPeriod */
/** @typedef {import('./api-types').ParkPeriod} ParkPeriod */
/** @typedef {import('./api-types').Period} Period */
/** @typedef {import('./api-types').ComplianceKpi} ComplianceKpi */

/** @typedef {import('./api-types').WasteKpi} WasteKpi */
/** @typedef {import('./api-types').ParkWasteKpi} ParkWasteKpi */
/** @typedef {import('./api-types').WasteTracking} WasteTracking */
/** @typedef {import('./api-types').DeclaredFigures} DeclaredFigures */
/** @typedef {import('./api-types').DeclaredWasteView} DeclaredWasteView */
/** @typedef {import('./api-types').WasteKpiView} WasteKpiView */
/** @typedef {import('./api-types').Violation} Violation */
/** @typedef {import('./api-types').NonConformingLot} NonConformingLot */
/** @typedef {import('./api-types').OpenLot} OpenLot */
/** @typedef {import('./api-types').ParkWaste} ParkWaste */
/** @typedef {import('./api-types').WasteLot} WasteLot */
/** @typedef {import('./api-types').WasteEvent} WasteEvent */
/** @typedef {import('./api-types').LotView} LotView */
/** @typedef {import('./api-types').ManifestView} ManifestView */

/** @typedef {import('./api-types').Severity} Severity */
/** @typedef {import('./api-types').AlertStatus} AlertStatus */
/** @typedef {import('./api-types').Alert} Alert */

/** @typedef {import('./api-types').ReportRun} ReportRun */

/**
 * What a view gets from the router.
 * @typedef {object} ViewContext
 * @property {HTMLElement} root where the view draws
 * @property {string[]} params the route's captured path segments
 * @property {URLSearchParams} query the query of the hash (`#/alerts?status=open`)
 * @property {AbortSignal} signal aborted when the user leaves the view
 * @property {(cleanup: () => void) => void} onCleanup runs when the user leaves the view
 * @property {SessionUser} user
 */
/** @typedef {(ctx: ViewContext) => Promise<void> | void} View */
export {};
