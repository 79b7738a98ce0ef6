// The scale data set is generated inside PostgreSQL (INSERT ... SELECT over generate_series): nothing crosses
// the wire but the statements, which is faster than COPY from the client on this machine and needs no extra
// driver. Every value is a pure function of (run, i): the cases and the referrals pipelines run on two
// connections at once and still agree on every case id, county and date without reading each other's rows.

/** A seeded 64-bit hash of the row number, reduced to [0, m): deterministic "random" choices. */
const h = (salt, m) => `(abs(hashint8extended(i, ${salt}) % ${m}))::int`;

const FEMALE = [
  'Achieng',
  'Wanjiru',
  'Akinyi',
  'Njeri',
  'Chebet',
  'Atieno',
  'Wambui',
  'Nyambura',
  'Jepkoech',
  'Muthoni',
  'Adhiambo',
  'Mwende',
  'Kawira',
  'Nafula',
  'Halima',
  'Amina',
  'Zawadi',
  'Imani',
  'Faith',
  'Mercy',
  'Grace',
  'Joy',
  'Esther',
  'Naliaka',
  'Kerubo',
  'Moraa',
  'Nasimiyu',
  'Waithera',
  'Cherono',
  'Fatuma',
];
const MALE = [
  'Otieno',
  'Kamau',
  'Kiprono',
  'Mutua',
  'Ochieng',
  'Njoroge',
  'Omondi',
  'Kipchoge',
  'Wafula',
  'Barasa',
  'Mwangi',
  'Onyango',
  'Kibet',
  'Juma',
  'Hassan',
  'Brian',
  'Kevin',
  'Dennis',
  'Collins',
  'Victor',
  'Samuel',
  'Daniel',
  'Wekesa',
  'Nyongesa',
  'Ouma',
  'Kiprotich',
  'Muriuki',
  'Gitau',
  'Abdi',
  'Baraka',
];
const LAST = [
  'Odhiambo',
  'Kariuki',
  'Mwangi',
  'Kiplagat',
  'Wanyama',
  'Mutiso',
  'Owino',
  'Chepkemoi',
  'Kimani',
  'Nyaga',
  'Ndungu',
  'Okoth',
  'Wekesa',
  'Rotich',
  'Omari',
  'Mohamed',
  'Ali',
  'Kilonzo',
  'Musyoka',
  'Njuguna',
  'Oduya',
  'Langat',
  'Koech',
  'Auma',
  'Makori',
  'Nyakundi',
  'Simiyu',
  'Masinde',
  'Gathoni',
  'Mugo',
  'Ruto',
  'Kosgei',
  'Ekai',
  'Lokorio',
  'Lemayian',
  'Sankale',
];
const CATEGORIES = [
  'SEXUAL_ABUSE',
  'DEFILEMENT',
  'COMMERCIAL_SEXUAL_EXPLOITATION',
  'ONLINE_SEXUAL_EXPLOITATION',
  'CHILD_TRAFFICKING',
  'CHILD_MARRIAGE',
  'FEMALE_GENITAL_MUTILATION',
  'EXPLOITATION_IN_TRAVEL_AND_TOURISM',
  'CHILD_PORNOGRAPHY',
  'PHYSICAL_ABUSE',
  'NEGLECT',
  'CHILD_LABOUR',
];
/** The first category, weighted towards what Kenyan case loads show most. */
const FIRST_CATEGORY = [
  'SEXUAL_ABUSE',
  'SEXUAL_ABUSE',
  'SEXUAL_ABUSE',
  'DEFILEMENT',
  'DEFILEMENT',
  'DEFILEMENT',
  'PHYSICAL_ABUSE',
  'PHYSICAL_ABUSE',
  'NEGLECT',
  'NEGLECT',
  'CHILD_MARRIAGE',
  'CHILD_LABOUR',
  ...CATEGORIES.slice(2, 9),
];

const arr = (values) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;
const pick = (values, salt) => `(${arr(values)})[1 + ${h(salt, values.length)}]`;

export const SEED_ACTOR = 'kinga-seed-scale';
/** Approves the seeded progress reports: a programme officer of NCCS, not their author. */
export const SEED_REVIEWER = 'kinga-seed-scale-reviewer';

/**
 * One row per case of the batch: $1 run tag, $2..$3 the row numbers, $4 cases per county, $5 days covered,
 * $6 the first day. Case k of a county is opened on day k * days / perCounty, so every county spans the
 * whole period, newest last; its number continues the county's existing sequence (seed_county offsets).
 */
const BASE = `
  SELECT i, k, sc.code AS county, sc.case_offset + k + 1 AS seq, sc.ref_offset,
    md5($1 || ':case:' || i)::uuid AS case_id,
    md5($1 || ':child:' || i)::uuid AS child_id,
    ($6::date + (k * $5::bigint / $4::bigint)::int) AS opened_on,
    1 + ${h(7, 3)} AS n_referrals
  FROM generate_series($2::bigint, $3::bigint) AS i
  CROSS JOIN LATERAL (SELECT i / 47 AS k) AS kk
  JOIN seed_county sc ON sc.idx = (i % 47)::int`;

/** Whether case `b` is closed (60% of those opened 90 days ago or more): the referrals pipeline decides it too. */
const CASE_CLOSED = `(current_date - b.opened_on >= 90 AND ${h(14, 100)} < 60)`;

export const CASE_BATCH_SQL = `
  CREATE TEMP TABLE seed_case ON COMMIT DROP AS
  SELECT b.*, current_date - b.opened_on AS days_ago,
    CASE WHEN ${h(11, 100)} < 72 THEN 'FEMALE' WHEN ${h(11, 100)} < 98 THEN 'MALE' WHEN ${h(11, 100)} < 99 THEN 'INTERSEX' ELSE 'UNKNOWN' END AS sex,
    CASE WHEN ${h(12, 100)} < 15 THEN ${h(13, 5)} WHEN ${h(12, 100)} < 35 THEN 5 + ${h(13, 5)} WHEN ${h(12, 100)} < 75 THEN 10 + ${h(13, 5)} ELSE 15 + ${h(13, 3)} END AS age,
    CASE WHEN ${CASE_CLOSED} THEN 'CLOSED' WHEN current_date - b.opened_on < 90 THEN (CASE WHEN ${h(14, 100)} < 60 THEN 'OPEN' ELSE 'IN_CARE' END)
      ELSE (CASE WHEN ${h(14, 100)} < 80 THEN 'REINTEGRATED' WHEN ${h(14, 100)} < 92 THEN 'IN_CARE' ELSE 'OPEN' END) END AS status,
    ${pick(FIRST_CATEGORY, 15)} AS category1,
    ${h(16, 100)} < 30 AS two_categories,
    p.provider_id AS owner_provider_id, p.agency_id AS owner_agency_id
  FROM (${BASE}) AS b
  JOIN seed_provider p ON p.county = b.county AND p.kind = 0`;

const CATEGORY_ARRAY = `CASE WHEN two_categories
    THEN ARRAY[category1, (${arr(CATEGORIES)})[1 + (array_position(${arr(CATEGORIES)}, category1) + ${h(17, 11)}) % 12]]
    ELSE ARRAY[category1] END`;

/**
 * A closed case's closing day: 40 days at least after its opening, so after every step of its referrals (the
 * last, a closing, comes at most 35 days after the case was opened), and no later than yesterday.
 */
const CLOSED_ON = `LEAST(opened_on + 40 + ${h(42, 300)}, current_date - 1)`;

export const CASE_INSERTS = [
  [
    'cases.child',
    `INSERT INTO cases.child (id, first_name, middle_name, last_name, date_of_birth, estimated_age_years, age_estimated_on, sex,
       county_code, sub_county, location, school, birth_certificate_number, disability, created_at, updated_at)
     SELECT child_id,
       CASE WHEN sex = 'MALE' THEN ${pick(MALE, 20)} ELSE ${pick(FEMALE, 20)} END,
       CASE WHEN ${h(21, 2)} = 0 THEN CASE WHEN sex = 'MALE' THEN ${pick(MALE, 22)} ELSE ${pick(FEMALE, 22)} END END,
       ${pick(LAST, 23)},
       CASE WHEN ${h(24, 100)} < 85 THEN opened_on - (age * 365 + ${h(25, 365)}) END,
       CASE WHEN ${h(24, 100)} >= 85 THEN age END,
       CASE WHEN ${h(24, 100)} >= 85 THEN opened_on END,
       sex, county, 'Sub-county ' || (1 + ${h(26, 6)}), 'Village ' || (1 + ${h(27, 400)}) || ' (synthetic)',
       CASE WHEN age >= 6 THEN 'Primary School ' || (1 + ${h(28, 90)}) || ' (synthetic)' END,
       CASE WHEN ${h(29, 100)} < 60 THEN 'BC' || lpad(${h(30, 100000000)}::text, 9, '0') END,
       CASE WHEN ${h(31, 100)} < 3 THEN 'hearing impairment: needs a sign-language interpreter' END,
       opened_on + time '09:00', opened_on + time '09:00'
     FROM seed_case`,
  ],
  [
    'cases.caregiver',
    `INSERT INTO cases.caregiver (id, child_id, position, name, relationship, phone)
     SELECT md5($1 || ':caregiver:' || i || ':' || pos)::uuid, child_id, pos,
       CASE WHEN pos = 1 THEN ${pick(FEMALE, 32)} ELSE ${pick(MALE, 33)} END || ' ' || ${pick(LAST, 23)},
       CASE WHEN pos = 1 THEN (CASE WHEN ${h(34, 10)} < 8 THEN 'MOTHER' ELSE 'AUNT' END) ELSE (CASE WHEN ${h(35, 10)} < 7 THEN 'FATHER' ELSE 'GUARDIAN' END) END,
       '07' || lpad(${h(36 + 0, 100000000)}::text, 8, '0')
     FROM seed_case CROSS JOIN generate_series(1, 2) AS pos
     WHERE pos = 1 OR ${h(37, 100)} < 55`,
  ],
  [
    'cases.case',
    `INSERT INTO cases."case" (id, case_number, child_id, categories, status, risk_level, owner_agency_id, owner_provider_id,
       assigned_officer_sub, assigned_officer_name, county_code, opened_on, closed_on, close_reason,
       incident_narrative, perpetrator_details, clinical_notes, created_at, updated_at)
     SELECT case_id, 'KE-' || county || '-' || to_char(opened_on, 'YYYY') || '-' || lpad(seq::text, 6, '0'), child_id,
       ${CATEGORY_ARRAY}, status,
       CASE WHEN ${h(40, 100)} < 30 THEN 'LOW' WHEN ${h(40, 100)} < 70 THEN 'MEDIUM' WHEN ${h(40, 100)} < 92 THEN 'HIGH' ELSE 'CRITICAL' END,
       owner_agency_id, owner_provider_id,
       'scale-officer-' || county || '-' || ${h(41, 25)}, 'Children Officer ' || county || '/' || ${h(41, 25)},
       county, opened_on,
       CASE WHEN status = 'CLOSED' THEN ${CLOSED_ON} END,
       CASE WHEN status = 'CLOSED' THEN 'Case plan completed; the child is safe in family-based care (synthetic)' END,
       'Synthetic incident narrative for load testing; no real child is described.',
       CASE WHEN ${h(43, 100)} < 50 THEN 'Synthetic perpetrator details (known to the family).' END,
       CASE WHEN ${h(44, 100)} < 40 THEN 'Synthetic clinical notes: examined, PEP started within 72 hours.' END,
       opened_on + time '09:00',
       -- The last change: the closing, for a closed case; never later than yesterday, whenever the seed runs.
       CASE WHEN status = 'CLOSED' THEN ${CLOSED_ON} + time '16:00'
         ELSE opened_on + time '09:00' + make_interval(days => least(days_ago - 1, ${h(45, 60)})::int) END
     FROM seed_case`,
  ],
  [
    'cases.consent',
    `INSERT INTO cases.consent (id, case_id, basis, agency_ids, agency_types, tiers, purpose, given_at, recorded_by_sub, created_at)
     SELECT md5($1 || ':consent:' || i || ':' || n)::uuid, case_id,
       CASE WHEN n = 1 THEN 'MANDATORY_REPORTING' ELSE 'CAREGIVER' END, '{}'::uuid[],
       CASE WHEN n = 1 THEN ARRAY['POLICE'] ELSE ARRAY['HEALTH','NGO'] END,
       CASE WHEN n = 1 THEN ARRAY['OPERATIONAL','IDENTIFYING'] ELSE ARRAY['OPERATIONAL','IDENTIFYING','CLINICAL'] END,
       CASE WHEN n = 1 THEN 'Mandatory reporting of a child sexual offence' ELSE 'Medical care and psychosocial support' END,
       opened_on + time '10:00', 'scale-officer-' || county || '-' || ${h(41, 25)}, opened_on + time '10:00'
     FROM seed_case CROSS JOIN generate_series(1, 2) AS n
     WHERE n = 1 OR ${h(46, 100)} < 60`,
  ],
  [
    'cases.case_note',
    `INSERT INTO cases.case_note (id, case_id, author_sub, author_name, body, created_at)
     SELECT md5($1 || ':note:' || i || ':' || n)::uuid, case_id,
       'scale-officer-' || county || '-' || ${h(41, 25)}, 'Children Officer ' || county || '/' || ${h(41, 25)},
       CASE WHEN n = 1 THEN 'Initial assessment done; safety plan agreed (synthetic).' ELSE 'Home visit: follow-up on the case plan (synthetic).' END,
       opened_on + time '11:00' + make_interval(days => (n - 1) * least(days_ago - 1, 7)::int)
     FROM seed_case CROSS JOIN generate_series(1, 2) AS n
     WHERE n = 1 OR ${h(47, 100)} < 50`,
  ],
];

/** The steps that lead to each final status: (sequence, from, to, actor side S = sender / R = recipient, timestamp column). */
const PATHS = {
  SENT: [],
  ACKNOWLEDGED: ['ACKNOWLEDGED'],
  ACCEPTED: ['ACKNOWLEDGED', 'ACCEPTED'],
  IN_PROGRESS: ['ACKNOWLEDGED', 'ACCEPTED', 'IN_PROGRESS'],
  COMPLETED: ['ACKNOWLEDGED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED'],
  CLOSED: ['ACKNOWLEDGED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED'],
  DECLINED: ['ACKNOWLEDGED', 'DECLINED'],
  CANCELLED: ['CANCELLED'],
};
const SENDER_STEPS = new Set(['SENT', 'CANCELLED', 'CLOSED']);
export const PATH_ROWS = Object.entries(PATHS).flatMap(([status, steps]) =>
  ['SENT', ...steps].map((to, index, all) => ({
    status,
    seq: index + 1,
    from: index === 0 ? null : all[index - 1],
    to,
    side: SENDER_STEPS.has(to) ? 'S' : 'R',
  })),
);

const SERVICES = {
  1: ['POLICE_INVESTIGATION', 'POLICE_INVESTIGATION', 'SAFE_SHELTER'],
  2: ['MEDICAL_CARE', 'POST_EXPOSURE_PROPHYLAXIS', 'FORENSIC_EXAMINATION', 'PSYCHOSOCIAL_SUPPORT'],
  3: ['PSYCHOSOCIAL_SUPPORT', 'HELPLINE_COUNSELLING', 'CASE_MANAGEMENT'],
};
const clamp = (expression) => `LEAST(${expression}, now() - interval '5 minutes')`;

/** One row per referral of the batch's cases: the r-th referral of a case goes to recipient kind r + 1. */
export const REFERRAL_BATCH_SQL = `
  CREATE TEMP TABLE seed_referral ON COMMIT DROP AS
  SELECT t.*,
    ${clamp("created_at + make_interval(hours => CASE WHEN urgency = 'EMERGENCY' THEN 0 ELSE 1 + h2 % 20 END, mins => 10 + h2 % 40)")} AS acknowledged,
    ${clamp('created_at + make_interval(hours => 2 + h2 % 20 + h3 % 12)')} AS accepted,
    ${clamp('created_at + make_interval(hours => 6 + h2 % 20 + h3 % 48)')} AS started,
    ${clamp('created_at + make_interval(days => 4 + h3 % 20)')} AS completed,
    ${clamp('created_at + make_interval(days => 6 + h3 % 20 + h2 % 10)')} AS closed,
    ${clamp("created_at + make_interval(hours => CASE WHEN urgency = 'EMERGENCY' THEN 2 ELSE 3 + h2 % 20 END, mins => 10 + h2 % 40)")} AS declined,
    ${clamp("created_at + interval '1 day'")} AS cancelled
  FROM (
    SELECT s.*,
      CASE WHEN now() - created_at < interval '30 days' THEN
        (CASE WHEN h1 < 15 THEN 'SENT' WHEN h1 < 27 THEN 'ACKNOWLEDGED' WHEN h1 < 40 THEN 'ACCEPTED' WHEN h1 < 70 THEN 'IN_PROGRESS'
              WHEN h1 < 90 THEN 'COMPLETED' WHEN h1 < 95 THEN 'DECLINED' ELSE 'CANCELLED' END)
      -- A case is closed only once none of its referrals is open (closeCase): each was closed or cancelled.
      WHEN case_closed THEN (CASE WHEN h1 < 88 THEN 'CLOSED' ELSE 'CANCELLED' END)
      ELSE (CASE WHEN h1 < 72 THEN 'CLOSED' WHEN h1 < 82 THEN 'COMPLETED' WHEN h1 < 88 THEN 'DECLINED' WHEN h1 < 94 THEN 'CANCELLED'
              WHEN h1 < 98 THEN 'IN_PROGRESS' WHEN h1 < 99 THEN 'ACCEPTED' ELSE 'SENT' END) END AS status
    FROM (
      SELECT b.i, b.county, b.case_id, r, r + 1 AS kind,
        md5($1 || ':referral:' || b.i || ':' || r)::uuid AS id,
        'KE-' || b.county || '-' || to_char(b.opened_on, 'YYYY') || '-' || lpad((b.ref_offset + b.k * 3 + r + 1)::text, 6, '0') AS reference,
        -- After the case (09:00) and its consents (10:00), and the same day: 10:00 to 21:59.
        b.opened_on + make_interval(hours => 10 + r * 4 + ${h(50, 4)}, mins => ${h(51, 60)}) AS created_at,
        ${CASE_CLOSED} AS case_closed,
        CASE WHEN ${h(52, 100)} < 15 THEN 'EMERGENCY' WHEN ${h(52, 100)} < 50 THEN 'HIGH' ELSE 'ROUTINE' END AS urgency,
        CASE r WHEN 0 THEN ${pick(SERVICES[1], 53)} WHEN 1 THEN ${pick(SERVICES[2], 53)} ELSE ${pick(SERVICES[3], 53)} END AS service,
        (abs(hashint8extended(i * 3 + r, 54) % 100))::int AS h1,
        (abs(hashint8extended(i * 3 + r, 55) % 1000))::int AS h2,
        (abs(hashint8extended(i * 3 + r, 56) % 1000))::int AS h3,
        'scale-officer-' || b.county || '-' || ${h(41, 25)} AS sender_sub
      FROM (${BASE}) AS b
      CROSS JOIN generate_series(0, 2) AS r
      WHERE r < b.n_referrals
    ) AS s
  ) AS t`;

/** When the step into `status` was taken. */
const stepTime = (
  status,
) => `CASE ${status} WHEN 'SENT' THEN r.created_at WHEN 'ACKNOWLEDGED' THEN r.acknowledged WHEN 'ACCEPTED' THEN r.accepted
  WHEN 'IN_PROGRESS' THEN r.started WHEN 'COMPLETED' THEN r.completed WHEN 'CLOSED' THEN r.closed WHEN 'DECLINED' THEN r.declined
  ELSE r.cancelled END`;

export const REFERRAL_INSERTS = [
  [
    'referrals.referral',
    `INSERT INTO referrals.referral (id, reference, case_id, case_owner_agency_id, case_county, from_provider_id, from_agency_id,
       from_agency_type, to_provider_id, to_agency_id, to_agency_type, service_requested, urgency, status, reason, consent_reference,
       decline_reason, cancel_reason, version, created_by, idempotency_key, created_at, acknowledged_at, accepted_at, declined_at,
       started_at, completed_at, closed_at, cancelled_at, acknowledge_by, start_by, updated_at, is_demo)
     SELECT r.id, r.reference, r.case_id, f.agency_id, r.county, f.provider_id, f.agency_id, f.agency_type,
       t.provider_id, t.agency_id, t.agency_type, r.service, r.urgency, r.status,
       'Referred for ' || lower(replace(r.service, '_', ' ')) || ' (synthetic)',
       CASE WHEN r.kind = 1 THEN 'Mandatory reporting' ELSE 'Caregiver consent' END,
       CASE WHEN r.status = 'DECLINED' THEN 'No capacity this week; referred onward (synthetic)' END,
       CASE WHEN r.status = 'CANCELLED' THEN 'Service obtained elsewhere (synthetic)' END,
       (SELECT count(*) FROM seed_path p WHERE p.status = r.status),
       '${SEED_ACTOR}', $1 || ':' || r.i || ':' || r.r, r.created_at,
       CASE WHEN r.status NOT IN ('SENT','CANCELLED') THEN r.acknowledged END,
       CASE WHEN r.status IN ('ACCEPTED','IN_PROGRESS','COMPLETED','CLOSED') THEN r.accepted END,
       CASE WHEN r.status = 'DECLINED' THEN r.declined END,
       CASE WHEN r.status IN ('IN_PROGRESS','COMPLETED','CLOSED') THEN r.started END,
       CASE WHEN r.status IN ('COMPLETED','CLOSED') THEN r.completed END,
       CASE WHEN r.status = 'CLOSED' THEN r.closed END,
       CASE WHEN r.status = 'CANCELLED' THEN r.cancelled END,
       r.created_at + CASE r.urgency WHEN 'EMERGENCY' THEN interval '1 hour' WHEN 'HIGH' THEN interval '24 hours' ELSE interval '72 hours' END,
       r.created_at + CASE r.urgency WHEN 'EMERGENCY' THEN interval '24 hours' WHEN 'HIGH' THEN interval '72 hours' ELSE interval '14 days' END,
       -- Every step sets it, and a partner system syncs by it (filter.changedSince): the time of the last step.
       ${stepTime('r.status')}, true
     FROM seed_referral r
     JOIN seed_provider f ON f.county = r.county AND f.kind = 0
     JOIN seed_provider t ON t.county = r.county AND t.kind = r.kind`,
  ],
  [
    'referrals.referral_event',
    `INSERT INTO referrals.referral_event (referral_id, sequence, from_status, to_status, actor, actor_name, actor_role,
       actor_agency_id, actor_provider_id, note, occurred_at)
     SELECT r.id, p.seq, p.from_status, p.to_status,
       CASE WHEN p.side = 'S' THEN r.sender_sub ELSE 'scale-' || lower(a.role) || '-' || r.county END,
       CASE WHEN p.side = 'S' THEN 'Children Officer ' || r.county ELSE a.role || ' officer ' || r.county END,
       a.role, a.agency_id, a.provider_id,
       CASE p.to_status WHEN 'DECLINED' THEN 'No capacity this week (synthetic)' WHEN 'CANCELLED' THEN 'Service obtained elsewhere (synthetic)' END,
       ${stepTime('p.to_status')}
     FROM seed_referral r
     JOIN seed_path p ON p.status = r.status
     JOIN seed_provider a ON a.county = r.county AND a.kind = CASE WHEN p.side = 'S' THEN 0 ELSE r.kind END`,
  ],
  [
    'referrals.service_record',
    `INSERT INTO referrals.service_record (id, referral_id, provider_id, service, delivered_on, outcome, pep_given,
       emergency_contraception_given, forensic_examination_done, injuries, recorded_by, recorded_by_role, recorded_at)
     SELECT md5($1 || ':service:' || r.i || ':' || r.r)::uuid, r.id, t.provider_id, r.service, r.started::date,
       CASE WHEN r.h3 < 900 THEN 'DELIVERED' WHEN r.h3 < 970 THEN 'PARTIALLY_DELIVERED' ELSE 'REFERRED_ONWARD' END,
       CASE WHEN r.kind = 2 THEN r.urgency = 'EMERGENCY' END,
       CASE WHEN r.kind = 2 THEN r.urgency = 'EMERGENCY' AND r.h2 < 500 END,
       CASE WHEN r.kind = 2 THEN r.service = 'FORENSIC_EXAMINATION' END,
       CASE WHEN r.kind = 2 AND r.h2 < 300 THEN 'Minor bruising (synthetic)' END,
       'scale-' || lower(t.role) || '-' || r.county, t.role, ${clamp("r.started + interval '2 hours'")}
     FROM seed_referral r
     JOIN seed_provider t ON t.county = r.county AND t.kind = r.kind
     WHERE r.kind IN (2, 3) AND r.status IN ('IN_PROGRESS', 'COMPLETED', 'CLOSED')`,
  ],
];

/** Session set-up on every connection: the lookup tables the batch statements join. */
export function sessionSetupSql(providers, counties) {
  const providerRows = providers
    .map((p) => `('${p.county}', ${p.kind}, '${p.providerId}'::uuid, '${p.agencyId}'::uuid, '${p.agencyType}', '${p.role}')`)
    .join(',\n');
  const countyRows = counties.map((c) => `(${c.idx}, '${c.code}', ${c.caseOffset}, ${c.refOffset})`).join(',\n');
  const pathRows = PATH_ROWS.map((p) => `('${p.status}', ${p.seq}, ${p.from ? `'${p.from}'` : 'NULL'}, '${p.to}', '${p.side}')`).join(
    ',\n',
  );
  return [
    `CREATE TEMP TABLE IF NOT EXISTS seed_provider (county char(3), kind int, provider_id uuid, agency_id uuid, agency_type text, role text, PRIMARY KEY (county, kind))`,
    `TRUNCATE seed_provider`,
    `INSERT INTO seed_provider VALUES ${providerRows}`,
    `CREATE TEMP TABLE IF NOT EXISTS seed_county (idx int PRIMARY KEY, code char(3), case_offset int, ref_offset int)`,
    `TRUNCATE seed_county`,
    `INSERT INTO seed_county VALUES ${countyRows}`,
    `CREATE TEMP TABLE IF NOT EXISTS seed_path (status text, seq int, from_status text, to_status text, side char(1))`,
    `TRUNCATE seed_path`,
    `INSERT INTO seed_path VALUES ${pathRows}`,
  ];
}
