/**
 * A passbook's balance history (积分存折的收支明细) without an object per line. A street's
 * passbooks list 712,000 lines; as objects they were held for the whole build. The lines are
 * made when the passbook's page reads them, and not kept.
 */
import { balanceEntries, type EarnedList } from '../domain/balance.ts';
import { addEntry, countedRowOf, entryFingerprints, Fingerprint, type CountedSource } from '../domain/ledger.ts';
import { inDateOrder } from '../domain/periods.ts';
import type { ResolvedRedemption } from '../domain/shop.ts';
import type { PassbookEntry } from './board.ts';

/** Names and units of the shop's items, for a redemption's label: 洗衣液 × 2 袋. */
export interface ItemLabels {
  name: Map<string, string>;
  unit: Map<string, string>;
}

export function redemptionLabel(labels: ItemLabels, item: string, quantity: number): string {
  const unit = labels.unit.get(item);
  return `${labels.name.get(item) ?? item} × ${quantity}${unit !== undefined ? ` ${unit}` : ''}`;
}

const NO_EARNINGS: EarnedList = { dates: [], amounts: [], entries: [] };

/**
 * One subject's earned points (entries of a `CountedTable`) and redemptions in one scheme, merged
 * by date with the balance after each line (`balanceEntries`). Its JSON, which a page's cache
 * key hashes, is a fingerprint of the earned lines (their rows, dates and amounts) and the redemptions
 * written out as they are printed.
 */
export class BalanceEntryList implements Iterable<PassbookEntry> {
  readonly #source: CountedSource;
  readonly #subject: string;
  readonly #earned: EarnedList;
  readonly #charges: readonly ResolvedRedemption[];
  readonly #labels: ItemLabels;
  readonly length: number;

  constructor(source: CountedSource, subject: string, earned: EarnedList | undefined, charges: ResolvedRedemption[], labels: ItemLabels) {
    inDateOrder(charges); // as the shop check accepted them; made sure of, not assumed
    this.#source = source;
    this.#subject = subject;
    this.#earned = earned ?? NO_EARNINGS;
    this.#charges = charges;
    this.#labels = labels;
    this.length = this.#earned.dates.length + charges.length;
  }

  *[Symbol.iterator](): Generator<PassbookEntry> {
    const { dates, amounts, entries } = this.#earned;
    const events = dates.map((date, i) => ({ date, amount: amounts[i]!, k: entries[i]! }));
    for (const e of balanceEntries(events, this.#charges)) {
      if (e.kind === 'earned') {
        const row = countedRowOf(this.#source, this.#subject, e.event.k);
        yield { date: e.date, label: row.title, kind: 'earned', amount: e.amount, file: row.file, line: row.line, reviewer: row.reviewer, balance: e.balance };
      } else {
        const { item, quantity, file, line } = e.charge;
        yield { date: e.date, label: redemptionLabel(this.#labels, item, quantity), kind: 'redeemed', amount: e.amount, file, line, balance: e.balance };
      }
    }
  }

  toArray(): PassbookEntry[] {
    return [...this];
  }

  toJSON(): { earned: [number, number]; charges: (string | number)[][] } {
    const f = new Fingerprint();
    const { amounts, entries } = this.#earned;
    const words = entryFingerprints(this.#source);
    // An entry's date is its row's, which the entry's words cover: only what it adds is mixed in.
    for (let i = 0; i < entries.length; i++) addEntry(f.number(amounts[i]!), words, entries[i]!);
    return {
      earned: f.lanes(),
      charges: this.#charges.map((c) => [c.date, redemptionLabel(this.#labels, c.item, c.quantity), c.points, c.file, c.line]),
    };
  }
}
