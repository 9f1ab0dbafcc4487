import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Site } from '../sites/site.entity';

/** Command languages Custody sends: ESC/POS for Epson and Star receipt printers, ZPL for Zebra label printers. */
export enum PrinterType {
  Epson = 'epson',
  Star = 'star',
  Zpl = 'zpl',
}

/** How a printer confirms a job: by a status answer Custody parses, or (for one that cannot answer) by taking the bytes. */
export enum PrinterConfirmation {
  Status = 'status',
  Send = 'send',
}

/** A networked label printer of a site, reached over raw TCP (port 9100). */
@Entity('printers')
@Index('printers_site_id_name_unique', ['siteId', 'name'], { unique: true })
@Check('printers_type_check', `type IN ('epson', 'star', 'zpl')`)
@Check('printers_port_check', `port BETWEEN 1 AND 65535`)
@Check('printers_dpi_check', `dpi IN (203, 300)`)
// receipt printers take 58 or 80 mm rolls, Zebra printers 2 or 4 inch labels
@Check('printers_confirmation_check', `confirmation IN ('status', 'send')`)
@Check('printers_width_check', `(type = 'zpl' AND width_mm IN (51, 102)) OR (type <> 'zpl' AND width_mm IN (58, 80))`)
export class Printer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'printers_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  siteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'printers_site_id_fkey' })
  site: Site;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 253 })
  host: string;

  @Column({ type: 'integer' })
  port: number;

  @Column({ type: 'varchar', length: 8 })
  type: PrinterType;

  @Column({ type: 'smallint' })
  widthMm: number;

  @Column({ type: 'smallint' })
  dpi: number;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column({ type: 'varchar', length: 8, default: PrinterConfirmation.Status })
  confirmation: PrinterConfirmation;

  /** What the printer was last seen to be (ready, paper_out, unreachable…), by a print job or a status check; null before either. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  lastState: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastStateAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
