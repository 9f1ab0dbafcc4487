import { Injectable } from '@nestjs/common';
import { bundleFormat, Checkpoint, ProofBundle, verifyBundle, verifyItemChain } from '../../libs/ledger';
import { Actor } from '../auth/actor';
import { HistoryEntry } from '../custody/custody-history.service';
import { ItemsService } from '../items/items.service';
import { toItemView } from '../custody/item-records';
import { SeizuresService } from '../seizures/seizures.service';
import { renderCustodyReport } from './custody-report';
import { LedgerService } from './ledger.service';

/** An item's events with inclusion proofs against the latest checkpoint: what the offline verifier checks. */
@Injectable()
export class ProofBundleService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly items: ItemsService,
    private readonly seizures: SeizuresService,
  ) {}

  async bundleFor(actor: Actor, code: string): Promise<ProofBundle> {
    const { item, history } = await this.items.withHistoryFor(actor, code);
    return this.assemble(item.code, history, await this.ledger.requireLatestCheckpoint());
  }

  /**
   * Whether an item's chain holds, as the item page's badge shows it: every hash recomputed, every
   * link checked, and the events up to the latest checkpoint proven included in its signed tree.
   */
  async verificationFor(actor: Actor, code: string): Promise<ItemVerification> {
    const { item, history } = await this.items.withHistoryFor(actor, code);
    const checkpoint = await this.ledger.latestCheckpoint();
    if (!checkpoint) {
      const chain = verifyItemChain(history.map((event) => ({ ...event, item: item.code })));
      return {
        item: item.code,
        ok: chain.ok,
        events: history.length,
        anchoredEvents: 0,
        checkpoint: null,
        problems: chain.ok ? [] : [`event ${chain.itemSequence} of the item: ${chain.reason}`],
      };
    }
    const bundle = await this.assemble(item.code, history, checkpoint);
    // the installation's own key, already read: not the PEM parsed again on every view
    const verdict = verifyBundle(bundle, { publicKeyPem: this.ledger.key.publicKey });
    return {
      item: item.code,
      ok: verdict.ok,
      events: history.length,
      anchoredEvents: bundle.events.length,
      checkpoint: { treeSize: checkpoint.treeSize, createdAt: checkpoint.createdAt, keyId: checkpoint.keyId },
      problems: verdict.problems,
    };
  }

  /** The court-ready PDF: the item, its seizure, every event, and the checkpoint it is anchored in. */
  async reportFor(actor: Actor, code: string): Promise<{ code: string; pdf: Buffer }> {
    const { item, history } = await this.items.withHistoryFor(actor, code);
    const checkpoint = await this.ledger.latestCheckpoint();
    const pdf = await renderCustodyReport({
      item: toItemView(item),
      seizure: await this.seizures.factsOfItem(item),
      history,
      bundle: checkpoint ? await this.assemble(item.code, history, checkpoint) : null,
      requestedBy: actor.username,
      generatedAt: new Date(),
    });
    return { code: item.code, pdf };
  }

  private async assemble(item: string, history: HistoryEntry[], checkpoint: Checkpoint): Promise<ProofBundle> {
    const isAnchored = (event: HistoryEntry): event is HistoryEntry & { sequence: number } => event.sequence !== null && event.sequence <= checkpoint.treeSize;
    const anchored = history.filter(isAnchored);
    const proofs = await this.ledger.inclusionProofs(
      checkpoint.treeSize,
      anchored.map((event) => event.sequence),
    );
    return {
      format: bundleFormat,
      item,
      checkpoint,
      publicKey: this.ledger.publicKey(),
      events: anchored.map((event) => ({ ...event, leafIndex: event.sequence - 1, inclusionProof: proofs.get(event.sequence)! })),
      unanchoredEvents: history.filter((event) => !isAnchored(event)),
    };
  }
}

export interface ItemVerification {
  item: string;
  ok: boolean;
  /** The item's events, all checked for hash and link. */
  events: number;
  /** Of those, the ones proven included in the latest checkpoint. */
  anchoredEvents: number;
  checkpoint: { treeSize: number; createdAt: string; keyId: string } | null;
  problems: string[];
}
