import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { entryBundleOfWidth, parseTilePath, tileOfWidth, tileWidth } from '../../libs/ledger';
import { CustodyError } from '../common/errors/custody-error';

/** Serves the stored tiles and entry bundles at their C2SP tlog-tiles paths, a narrower one cut from the widest kept. */
@Injectable()
export class TileServer {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(path: string): Promise<{ data: Buffer; full: boolean }> {
    const asked = parseTilePath(path);
    if (!asked) throw CustodyError.notFound(`ledger/${path}`);
    if (asked.kind === 'tile') {
      const [stored] = (await this.dataSource.query('SELECT width, hashes FROM ledger_tiles WHERE level = $1 AND index = $2', [asked.level, asked.index])) as {
        width: number;
        hashes: Buffer;
      }[];
      if (!stored || stored.width < asked.width) throw CustodyError.notFound(`ledger/${path}`);
      return { data: tileOfWidth(stored.hashes, asked.width), full: asked.width === tileWidth };
    }
    const [stored] = (await this.dataSource.query('SELECT width, entries FROM ledger_entry_bundles WHERE index = $1', [asked.index])) as {
      width: number;
      entries: Buffer;
    }[];
    if (!stored || stored.width < asked.width) throw CustodyError.notFound(`ledger/${path}`);
    return { data: entryBundleOfWidth(stored.entries, asked.width), full: asked.width === tileWidth };
  }
}
