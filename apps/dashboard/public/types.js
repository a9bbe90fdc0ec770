// @ts-check
// Shapes of the REST API answers the dashboard reads (see the controllers and DTOs of libs/*). Types only.

/** @typedef {'admin' | 'officer' | 'manager' | 'park_operator'} Role */
/** @typedef {{ username: string, name: string, role: Role, parkCodes: string[] }} SessionUser */
/** @typedef {{ accessToken: string, expiresIn: number, refreshToken: string, user: SessionUser }} TokenPair */
/** @typedef {{ accessToken: string, refreshToken: string, expiresAt: number, user: SessionUser }} Session */

/** @typedef {'operating' | 'under_construction' | 'planned' | 'suspended' | 'closed'} OperatingStatus */

/**
 * @typedef {object} StationSummary
 * @property {number} id
 * @property {string} code
 * @property {string} name
 * @property {'outlet' | 'inlet'} kind
 * @property {number} expectedIntervalSeconds
 * @property {boolean} active
 */

/**
 * @typedef {object} TreatmentPlant
 * @property {number} id
 * @property {string} code
 * @property {string} name
 * @property {OperatingStatus} operatingStatus
 * @property {number | null} designCapacityM3PerDay
 * @property {string | null} receivingWater
 * @property {string | null} source
 * @property {StationSummary[]} stations
 */

/**
 * @typedef {object} Park
 * @property {number} id
 * @property {string} code
 * @property {string} name
 * @property {string | null} nameVi
 * @property {string | null} developer
 * @property {string | null} economicZone
 * @property {string | null} district
 * @property {number | null} areaHa
 * @property {OperatingStatus} operatingStatus
 * @property {string | null} source
 * @property {TreatmentPlant[]} treatmentPlants
 */

/**
 * @typedef {object} Permit
 * @property {number} id
 * @property {string | null} permitNumber
 * @property {string} standardVersion
 * @property {string} columnCode
 * @property {string} effectiveFrom
 * @property {string | null} effectiveTo
 * @property {string[]} parameters
 */

/**
 * @typedef {StationSummary & {
 *   plantId: number, plantCode: string, parkCode: string,
 *   permits: Permit[], devices: { id: number, code: string, kind: string }[]
 * }} StationDetail
 */

/** @typedef {'00' | '01' | '02'} ReadingStatus */
/** @typedef {{ time: string, parameter: string, value: number, status: ReadingStatus, receivedAt: string }} Reading */
/**
 * @typedef {object} ReadingBucket
 * @property {string} bucket
 * @property {string} parameter
 * @property {number | null} avg
 * @property {number | null} min
 * @property {number | null} max
 * @property {number} validCount
 * @property {number} totalCount
 */
/**
 * @typedef {object} StationReadings
 * @property {number} stationId
 * @property {'raw' | 'hour' | 'day'} resolution
 * @property {string} from
 * @property {string} to
 * @property {Reading[]} [readings]
 * @property {ReadingBucket[]} [buckets]
 */

/** @typedef {{ parameter: string, min: number | null, max: number | null, basis: string }} ParameterLimit */
/**
 * @typedef {object} LimitsPermit
 * @property {string | null} number
 * @property {string} standard
 * @property {string} column
 * @property {number | null} kq
 * @property {number | null} kf
 * @property {'flow_table' | 'explicit' | null} kfSource
 * @property {string | null} kfReason
 * @property {number | null} permittedFlowM3PerDay
 * @property {{ aboveM3PerDay: number | null, upToM3PerDay: number | null } | null} kfBand
 */
/**
 * @typedef {object} StationLimits
 * @property {number} stationId
 * @property {string} day
 * @property {LimitsPermit | null} permit
 * @property {ParameterLimit[]} limits
 * @property {{ parameter: string, reason: 'NOT_IN_PERMIT' | 'NO_LIMIT' }[]} notJudged
 */
/** @typedef {{ code: string, params: Record<string, string | number | boolean | null> }} DayWarning */

/** @typedef {'compliant' | 'insufficient_data' | 'suspected_exceedance' | 'exceedance' | 'no_permit'} DayVerdict */
/**
 * An officer's review of a day's set-aside readings.
 * @typedef {object} SetAsideReview
 * @property {number} id
 * @property {string} day
 * @property {string} parameterCode
 * @property {'confirmed' | 'rejected'} decision
 * @property {number} setAsideRecords
 * @property {string} note
 * @property {string} reviewer
 * @property {string} reviewedAt
 */
/**
 * @typedef {object} ParameterDay
 * @property {string} parameterCode
 * @property {number | null} limitMin
 * @property {number | null} limitMax
 * @property {number | null} cadenceSeconds the measurement cadence the day was judged by
 * @property {number} expectedRecords
 * @property {number} totalRecords
 * @property {number} validRecords
 * @property {number} capture
 * @property {number | null} meanValue
 * @property {number | null} maxValue
 * @property {number | null} minValue
 * @property {number} hourExceedances
 * @property {boolean} dayExceedance
 * @property {'compliant' | 'insufficient_data' | 'suspected_exceedance' | 'exceedance'} verdict
 * @property {number | null} flatlineRecords the flat-line run length the day was screened with (0: none)
 * @property {number} setAsideRecords readings the flat-line screen set aside
 * @property {number | null} setAsideMax
 * @property {number | null} setAsideMin
 * @property {boolean} setAsideBeyondLimit
 * @property {'confirmed' | 'rejected' | null} reviewDecision the review the day was judged with
 */
/**
 * @typedef {object} StationDay
 * @property {string} day
 * @property {number | null} permitId
 * @property {DayVerdict} verdict
 * @property {string[]} reasons
 * @property {DayWarning[]} [warnings]
 * @property {ParameterDay[]} parameters
 * @property {SetAsideReview[]} [setAsideReviews] newest first
 */
/** @typedef {{ stationId: number, from: string, to: string, days: StationDay[] }} StationDaily */

/** @typedef {'met' | 'exceedance' | 'suspected_exceedance' | 'insufficient_data' | 'no_permit' | 'no_operating_plant'} ParkStatus */
/**
 * @typedef {object} StationPeriod
 * @property {number} stationId
 * @property {string} stationCode
 * @property {string} plantCode
 * @property {number} days
 * @property {number} compliantDays
 * @property {number} exceedanceDays
 * @property {number} insufficientDays
 * @property {number} noPermitDays
 * @property {number} missingDays
 * @property {number} provisionalDays
 * @property {{ day: string, verdict: DayVerdict, reasons: string[] }[]} recentProblems
 */
/**
 * @typedef {object} ParkPeriod
 * @property {string} parkCode
 * @property {string} parkName
 * @property {boolean} operating
 * @property {boolean} hasOperatingPlant
 * @property {ParkStatus} status
 * @property {boolean} provisional
 * @property {string[]} reasons
 * @property {StationPeriod[]} stations
 */
/** @typedef {{ kind: string, from: string, to: string }} Period */
/**
 * @typedef {object} ComplianceKpi
 * @property {Period} period
 * @property {number} daysJudged
 * @property {number} operatingParks
 * @property {number} parksMeetingStandard
 * @property {number | null} share
 * @property {{ share: number, by: string }} target
 * @property {boolean} provisional
 * @property {{ parkCode: string, parkName: string, status: ParkStatus, provisional: boolean, reasons: string[] }[]} notMeeting
 * @property {{ month: string, operatingParks: number, parksMeetingStandard: number, share: number | null }[]} monthlyTrend
 */

/**
 * @typedef {object} WasteKpi
 * @property {number} lots
 * @property {number} generatedKg
 * @property {number} treatedConformingLots
 * @property {number} treatedConformingKg
 * @property {number} nonConformingLots
 * @property {number} nonConformingKg
 * @property {number} inProgressLots
 * @property {number} inProgressKg
 * @property {number | null} share
 * @property {number | null} shareOfSettled
 */
/** @typedef {WasteKpi & { parkCode: string, parkName: string }} ParkWasteKpi */
/** @typedef {'tracked' | 'not_tracked' | 'no_data'} WasteTracking */
/**
 * Tracked lots against declared annual generation (shares over the generators that declared).
 * @typedef {object} DeclaredFigures
 * @property {number | null} declaredKg
 * @property {number} trackedKg
 * @property {number} compliantKg
 * @property {number | null} trackedShare
 * @property {number | null} compliantShare
 * @property {number} undeclaredTrackedKg
 * @property {number} lots
 */
/**
 * @typedef {object} DeclaredWasteView
 * @property {number} year
 * @property {DeclaredFigures} city
 * @property {(DeclaredFigures & { parkCode: string, parkName: string, tracking: WasteTracking })[]} parks
 * @property {(DeclaredFigures & { generatorCode: string, generatorName: string, parkCode: string | null, tracking: WasteTracking })[]} generators
 */
/**
 * @typedef {object} WasteKpiView
 * @property {Period} period
 * @property {string} asOf
 * @property {{ massTolerance: number, maxStorageDays: number, manifestCloseDays: number }} policy
 * @property {number} target
 * @property {WasteKpi} city
 * @property {ParkWasteKpi[]} parks
 * @property {WasteKpi} withoutPark
 * @property {DeclaredWasteView} declared
 */
/** @typedef {{ code: string, reason: string }} Violation */
/**
 * @typedef {object} NonConformingLot
 * @property {string} lotCode
 * @property {string | null} generatorCode
 * @property {string | null} wasteCode
 * @property {string} state
 * @property {number} kg
 * @property {Violation[]} violations
 */
/**
 * @typedef {object} OpenLot
 * @property {string} lotCode
 * @property {string | null} generatorCode
 * @property {string} state
 * @property {number} kg
 * @property {string | null} storageDeadline
 * @property {string | null} manifestDeadline
 */
/**
 * @typedef {object} ParkWaste
 * @property {{ code: string, name: string }} park
 * @property {Period} period
 * @property {string} asOf
 * @property {WasteKpi} kpi
 * @property {NonConformingLot[]} nonConforming
 * @property {OpenLot[]} inProgress
 */
/**
 * @typedef {object} WasteLot
 * @property {string} lotCode
 * @property {string} state
 * @property {string | null} generatorCode
 * @property {number | null} parkId
 * @property {string | null} wasteCode
 * @property {string | null} generatedAt
 * @property {number | null} generatedKg
 * @property {string | null} manifestNumber
 * @property {string | null} transporterCode
 * @property {string | null} facilityCode
 * @property {string | null} handedOverAt
 * @property {number | null} handedOverKg
 * @property {string | null} receivedAt
 * @property {number | null} receivedKg
 * @property {string | null} treatedAt
 * @property {string | null} treatmentMethod
 * @property {string | null} certificate
 */
/** @typedef {{ eventId: string, type: string, occurredAt: string, gatewayCode: string, body: Record<string, unknown> }} WasteEvent */
/**
 * @typedef {object} LotView
 * @property {WasteLot} lot
 * @property {'treated_conforming' | 'non_conforming' | 'in_progress'} standing
 * @property {Violation[]} violations
 * @property {string | null} storageDeadline
 * @property {string | null} manifestDeadline
 * @property {WasteEvent[]} events
 */
/**
 * @typedef {object} ManifestView
 * @property {string} manifestNumber
 * @property {'open' | 'closed'} status
 * @property {string | null} openedAt
 * @property {string | null} closedAt
 * @property {string | null} transporterCode
 * @property {string | null} facilityCode
 * @property {number} handedOverKg
 * @property {number} receivedKg
 * @property {{ lotCode: string, standing: string, violations: Violation[] }[]} lots
 */

/** @typedef {'info' | 'warning' | 'critical'} Severity */
/** @typedef {'open' | 'acknowledged' | 'resolved'} AlertStatus */
/**
 * @typedef {object} Alert
 * @property {number} id
 * @property {number} ruleId
 * @property {string} subject
 * @property {string} kind
 * @property {Severity} severity
 * @property {number | null} parkId
 * @property {number | null} stationId
 * @property {AlertStatus} status
 * @property {string} message
 * @property {string} firstSeen
 * @property {string} lastSeen
 * @property {number} occurrences
 * @property {boolean} silenced
 * @property {number} escalationLevel
 * @property {string | null} acknowledgedAt
 * @property {string | null} acknowledgedBy
 * @property {string | null} resolvedAt
 * @property {string} updatedAt
 */

/**
 * One generated progress report (`GET /api/reports/runs`), without the file bytes.
 * @typedef {object} ReportRun
 * @property {number} id
 * @property {'month' | 'quarter' | 'year'} kind
 * @property {string} period '2026-10', '2026-Q4' or '2026'
 * @property {'vi' | 'en'} language
 * @property {string} scope a park code, or '' for the whole city
 * @property {'ready' | 'failed'} status
 * @property {'schedule' | 'request'} trigger
 * @property {string | null} requestedBy
 * @property {string} generatedAt
 * @property {string | null} error
 * @property {{ format: 'pdf' | 'xlsx' | 'csv', filename: string, bytes: number }[]} files
 */

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
