import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CountyEntity } from './county.entity';

interface CountiesFile {
  counties: Array<{ code: string; name: string; region: string }>;
}

/** A copy of ../shared/data/kenya-counties.json ships with the service, so a deployment needs no other tree. */
export const COUNTIES_FILE = join(__dirname, '..', '..', '..', 'data', 'kenya-counties.json');

export function readCounties(): CountiesFile['counties'] {
  return (JSON.parse(readFileSync(COUNTIES_FILE, 'utf8')) as CountiesFile).counties;
}

/** Upserts the 47 counties; running it again changes nothing. */
export async function loadCounties(dataSource: DataSource): Promise<void> {
  await dataSource.getRepository(CountyEntity).upsert(readCounties(), ['code']);
}
