import type { Logger } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { CaseEntity } from '../modules/case/case.entity';
import { CaregiverEntity, ChildEntity } from '../modules/child/child.entity';
import { ConsentEntity } from '../modules/consent/consent.entity';
import { CaseNoteEntity } from '../modules/note/case-note.entity';
import { buildDemoCases } from './demo-cases';

/** Inserts in slices so no statement comes near PostgreSQL's limit of 65535 parameters. */
async function insertAll(insert: (rows: Array<Record<string, unknown>>) => Promise<unknown>, rows: Array<Record<string, unknown>>) {
  for (let start = 0; start < rows.length; start += 200) await insert(rows.slice(start, start + 200));
}

/** Loads the demo cases into an empty schema, in one transaction; a second start finds them there. */
export async function loadCasesDemoData(db: DataSource, logger: Logger): Promise<void> {
  if ((await db.getRepository(CaseEntity).count()) > 0) return;
  const data = buildDemoCases();
  await db.transaction(async (manager) => {
    await insertAll((rows) => manager.getRepository(ChildEntity).insert(rows), data.children);
    await insertAll((rows) => manager.getRepository(CaregiverEntity).insert(rows), data.caregivers);
    await insertAll((rows) => manager.getRepository(CaseEntity).insert(rows), data.cases);
    await insertAll((rows) => manager.getRepository(ConsentEntity).insert(rows), data.consents);
    await insertAll((rows) => manager.getRepository(CaseNoteEntity).insert(rows), data.notes);
    for (const counter of data.counters) {
      await manager.query(
        `INSERT INTO cases.case_number_counter (county_code, year, last_value) VALUES ($1, $2, $3)
           ON CONFLICT (county_code, year) DO UPDATE SET last_value = GREATEST(cases.case_number_counter.last_value, EXCLUDED.last_value)`,
        [counter.county_code, counter.year, counter.last_value],
      );
    }
  });
  logger.info({ cases: data.cases.length, consents: data.consents.length, notes: data.notes.length }, 'loaded the demo cases');
}
