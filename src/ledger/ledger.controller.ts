import { Body, Controller, Get, HttpCode, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Post } from '../idempotency/idempotent-post';
import { ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { RecordsItemRead } from '../reads/read-log';
import { Public, Roles, SignedIn } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { PageQuery } from '../common/pagination';
import { CheckpointDto } from './dto/checkpoint.dto';
import { HistoryEntryDoc } from '../items/dto/item.response';
import { LedgerService } from './ledger.service';
import { ProofBundleService } from './proof-bundle.service';
import { LedgerWitnesses } from './ledger-witnesses';
import { TileServer } from './tile-server';

class LedgerHeadDoc {
  @ApiProperty({ example: 1204 }) sequence: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) hash: string;
}

class BrokenEventDoc {
  @ApiProperty({ type: Number, example: 17, nullable: true, description: 'Its ledger position, null while it has none yet' }) sequence: number | null;
  @ApiProperty({ example: 'I000000022X' }) item: string;
  @ApiProperty({ example: 3, description: 'Its number in the item’s own chain' }) itemSequence: number;
  @ApiProperty({ example: 'hash does not match its fields' }) reason: string;
}

class LedgerVerdictDoc {
  @ApiProperty({ description: 'Whether every hash, chain and sequence number checks out' }) ok: boolean;
  @ApiProperty({ example: 1204, description: 'Events checked before the verdict' }) events: number;
  @ApiProperty({ required: false, nullable: true, type: LedgerHeadDoc, description: 'When ok: the newest event' }) head?: LedgerHeadDoc | null;
  @ApiProperty({ required: false, type: BrokenEventDoc, description: 'When not ok: the first broken event' }) firstBroken?: BrokenEventDoc;
}

class PublicKeyDoc {
  @ApiProperty({ example: 'Ed25519' }) algorithm: string;
  @ApiProperty({ example: '3f2a9c0d1e4b5a67' }) keyId: string;
  @ApiProperty({ description: 'SPKI PEM: checks the JSON checkpoint documents' }) publicKey: string;
  @ApiProperty({ example: 'custody.local/ledger', description: 'The log’s origin: the first line of every checkpoint note' }) origin: string;
  @ApiProperty({
    example: 'custody.local/ledger+1a2b3c4d+AUVYh3P3F+j2C8m2Ac7F1i0rQ…',
    description: 'The C2SP verifier key (`name+hash+base64`) that checks the checkpoint notes with standard transparency-log tools',
  })
  verifierKey: string;
}

class ConsistencyDoc {
  @ApiProperty() ok: boolean;
  @ApiProperty({ required: false, description: 'When ok: `{fromSize, toSize, fromRoot, toRoot, hashes}`, an RFC 6962 consistency proof' }) proof?: object;
  @ApiProperty({ required: false, description: 'When not ok: why the ledger does not extend the checkpoint' }) reason?: string;
}

/** An event of a proof bundle that the checkpoint covers: its Merkle leaf and the hashes that prove it included. */
class AnchoredEventDoc extends HistoryEntryDoc {
  @ApiProperty({ example: 17, description: 'Position in the whole ledger, from 1' }) declare sequence: number;
  @ApiProperty({ example: 16, description: 'Its leaf in the checkpoint’s Merkle tree: `sequence - 1`' }) leafIndex: number;
  @ApiProperty({ type: [String], description: 'The RFC 6962 inclusion proof against the checkpoint’s root hash: hex SHA-256 hashes, leaf to root' })
  inclusionProof: string[];
}

class ProofBundleDoc {
  @ApiProperty({ example: 'custody-proof-bundle/1' }) format: string;
  @ApiProperty({ example: 'I000000022X' }) item: string;
  @ApiProperty({ type: CheckpointDto }) checkpoint: CheckpointDto;
  @ApiProperty({ type: PublicKeyDoc }) publicKey: PublicKeyDoc;
  @ApiProperty({ type: [AnchoredEventDoc], description: 'The item’s events in the checkpoint, each with its inclusion proof' }) events: AnchoredEventDoc[];
  @ApiProperty({ type: [HistoryEntryDoc], description: 'Newer events, not in a checkpoint yet' }) unanchoredEvents: HistoryEntryDoc[];
}

class CheckpointSummaryDoc {
  @ApiProperty({ example: 1000 }) treeSize: number;
  @ApiProperty({ example: '2026-11-24T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '3f2a9c0d1e4b5a67' }) keyId: string;
}

class ItemVerificationDoc {
  @ApiProperty({ example: 'I000000022X' }) item: string;
  @ApiProperty({ description: 'Whether every event of the item hashes, links and (up to the latest checkpoint) is included in the signed tree' }) ok: boolean;
  @ApiProperty({ example: 4 }) events: number;
  @ApiProperty({ example: 3, description: 'Events proven included in the latest checkpoint' }) anchoredEvents: number;
  @ApiProperty({ type: CheckpointSummaryDoc, nullable: true, description: 'The checkpoint the proof used; null before the first one' })
  checkpoint: CheckpointSummaryDoc | null;
  @ApiProperty({ type: [String], description: 'What failed; empty when ok' }) problems: string[];
}

@ApiTags('ledger')
@Controller()
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly bundles: ProofBundleService,
    private readonly tiles: TileServer,
    private readonly witnesses: LedgerWitnesses,
  ) {}

  @Get('ledger/verify')
  @ApiOperation({
    summary: 'Verify the whole ledger',
    description: 'Recomputes every hash and link of the custody ledger from the database and names the first broken event. For auditors and administrators.',
  })
  @Roles(Role.Auditor, Role.Admin)
  @ApiAnswers({ status: 200, type: LedgerVerdictDoc, description: 'The verdict on the whole ledger, recomputed from the database' }, 401, 403)
  verify() {
    return this.ledger.verify();
  }

  @Get('ledger/checkpoint')
  @ApiOperation({
    summary: 'Get the newest checkpoint as a signed note',
    description:
      'The newest checkpoint as a C2SP signed note (tlog-checkpoint), with its witnesses’ cosignatures, for standard transparency-log tools. Needs no token.',
  })
  @Public()
  @ApiAnswers(
    {
      status: 200,
      file: 'text/plain',
      description: 'The newest checkpoint as a C2SP signed note (tlog-checkpoint), with its witnesses’ cosignatures: for standard transparency-log tools',
    },
    404,
  )
  async checkpointNote(@Res({ passthrough: true }) reply: FastifyReply) {
    const note = await this.ledger.latestCheckpointNote();
    void reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache');
    return note;
  }

  @Get('ledger/tile/*')
  @ApiOperation({
    summary: 'Get a tile of the ledger’s Merkle tree',
    description:
      'A tile or entry bundle at its C2SP tlog-tiles path, for standard transparency-log tools: hashes only, never an event’s content. Needs no token.',
  })
  @Public()
  @ApiAnswers(
    {
      status: 200,
      file: 'application/octet-stream',
      description:
        'A tile of the ledger’s Merkle tree or an entry bundle, at the C2SP tlog-tiles paths (`tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`): hashes only, never an event’s content',
    },
    404,
  )
  // the wildcard read from the request: Nest's own `@Param('*')` would document a parameter named `*` that the path does not have
  @ApiParam({ name: 'path', description: 'The path under `tile/`: `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`', example: '0/x001/234.p/5' })
  async tile(@Req() request: FastifyRequest<{ Params: { '*': string } }>, @Res({ passthrough: true }) reply: FastifyReply) {
    const found = await this.tiles.read(`tile/${request.params['*']}`);
    // a full tile never changes; a partial one is replaced by a wider one as the ledger grows
    void reply.type('application/octet-stream').header('cache-control', found.full ? 'public, max-age=31536000, immutable' : 'no-cache');
    return found.data;
  }

  @Get('ledger/public-key')
  @ApiOperation({
    summary: 'Get the key that signs checkpoints',
    description: 'The installation’s Ed25519 public key as PEM and as a C2SP verifier key, with the log’s origin.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, type: PublicKeyDoc, description: 'The key that signs checkpoints' }, 401)
  publicKey() {
    return this.ledger.publicKey();
  }

  @Post('ledger/checkpoints')
  @ApiOperation({
    summary: 'Make a checkpoint now',
    description:
      'Signs the Merkle tree head over every event so far (answers the existing one if nothing happened since) and sends it to the witnesses in the background. For administrators.',
  })
  @HttpCode(201)
  @Roles(Role.Admin)
  @ApiAnswers(
    { status: 201, type: CheckpointDto, description: 'A signed checkpoint over every event so far (the existing one if nothing happened since)' },
    401,
    403,
    409,
  )
  async makeCheckpoint() {
    const checkpoint = await this.ledger.makeCheckpoint();
    this.witnesses.submitInBackground();
    return checkpoint;
  }

  @Get('ledger/checkpoints')
  @ApiOperation({ summary: 'List checkpoints', description: 'Every signed checkpoint, newest first, a page at a time.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: pageDoc(CheckpointDto), description: 'Checkpoints, newest first' }, 401)
  checkpoints(@Query() query: PageQuery) {
    return this.ledger.listCheckpoints(query);
  }

  @Get('ledger/checkpoints/latest')
  @ApiOperation({
    summary: 'Get the newest checkpoint',
    description: 'The newest signed checkpoint as a JSON document with its note: save it anywhere, and later send it to POST /ledger/consistency.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, type: CheckpointDto, description: 'The newest checkpoint: save it anywhere' }, 401, 404)
  latestCheckpoint() {
    return this.ledger.requireLatestCheckpoint();
  }

  @Post('ledger/consistency')
  @ApiOperation({
    summary: 'Check that the ledger extends a saved checkpoint',
    description:
      'Takes a checkpoint saved earlier and answers whether today’s ledger extends it, with the RFC 6962 consistency proof, or why not. For auditors and administrators.',
  })
  @HttpCode(200)
  @Roles(Role.Auditor, Role.Admin)
  @ApiAnswers({ status: 200, type: ConsistencyDoc, description: 'Whether today’s ledger extends the saved checkpoint, with the proof' }, 401, 403)
  consistency(@Body() checkpoint: CheckpointDto) {
    return this.ledger.consistency(checkpoint);
  }

  @Get('items/:code/custody-report.pdf')
  @ApiOperation({
    summary: 'Get an item’s custody report (PDF)',
    description: 'The court-ready report of the item: its seizure, every event and the checkpoint that anchors them, in the reader’s language.',
  })
  @SignedIn()
  @RecordsItemRead('custody_report')
  @ApiAnswers({ status: 200, file: 'application/pdf', description: 'The court-ready custody report of the item (PDF)' }, 401, 404)
  async report(@Actor() actor: Actor, @Param('code') code: string) {
    const report = await this.bundles.reportFor(actor, code);
    return new StreamableFile(report.pdf, { type: 'application/pdf', disposition: `attachment; filename="custody-report-${report.code}.pdf"` });
  }

  @Get('items/:code/verification')
  @ApiOperation({
    summary: 'Verify one item’s chain',
    description: 'Recomputes the item’s hashes and links and proves its events included in the latest checkpoint: what the item page’s badge shows.',
  })
  @SignedIn()
  @RecordsItemRead('verification')
  @ApiAnswers({ status: 200, type: ItemVerificationDoc, description: 'Whether the item’s chain verifies, checked now against the latest checkpoint' }, 401, 404)
  verification(@Actor() actor: Actor, @Param('code') code: string) {
    return this.bundles.verificationFor(actor, code);
  }

  @Get('items/:code/proof')
  @ApiOperation({
    summary: 'Get an item’s proof bundle',
    description:
      'The item’s events with inclusion proofs against the latest checkpoint, the checkpoint and the public key: a self-contained bundle for `npm run verify-bundle`.',
  })
  @SignedIn()
  @RecordsItemRead('proof_bundle')
  @ApiAnswers({ status: 200, type: ProofBundleDoc, description: 'A self-contained bundle for `npm run verify-bundle`' }, 401, 404)
  proof(@Actor() actor: Actor, @Param('code') code: string) {
    return this.bundles.bundleFor(actor, code);
  }
}
