import type { QueryRunner, Logger as TypeOrmLogger } from 'typeorm';
import { requestScopeOf } from '../context/request-context';
import type { Logger } from '../logging/logger';

/**
 * Counts every SQL statement a data source sends, per request (the scope its query runner carries, see
 * `dataSourceForRequest`) and in total,
 * so tests and benchmarks can prove that the number of statements does not grow with the page size.
 * Statements are never logged with their parameters: those may hold a child's data.
 */
export class SqlStatementCounter implements TypeOrmLogger {
  total = 0;

  constructor(private readonly logger: Logger) {}

  logQuery(_query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.total += 1;
    const scope = requestScopeOf(queryRunner);
    if (scope) scope.sqlStatements += 1;
  }

  /**
   * PostgreSQL's message can quote the value it refused (`invalid input syntax for type uuid: "…"`, a unique
   * violation's key), so only what names the failure is logged: its SQLSTATE, constraint and the statement.
   */
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    const driverError = (typeof error === 'string' ? {} : ((error as { driverError?: object }).driverError ?? error)) as {
      code?: string;
      constraint?: string;
    };
    this.logger.warn(
      {
        requestId: requestScopeOf(queryRunner)?.requestId,
        sql: query.slice(0, 200),
        sqlState: driverError.code ?? null,
        constraint: driverError.constraint ?? null,
      },
      'SQL statement failed',
    );
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.logger.warn({ requestId: requestScopeOf(queryRunner)?.requestId, sql: query.slice(0, 200), ms: time }, 'slow SQL statement');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ typeorm: String(message) }, 'typeorm warning');
  }
}
