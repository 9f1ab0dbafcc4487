import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LedgerVerdict, verifyLedger } from './verify-ledger';

@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  verify(): Promise<LedgerVerdict> {
    return verifyLedger((text, parameters) => this.dataSource.query(text, parameters));
  }
}
