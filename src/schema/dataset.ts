/**
 * Everything the check accepted, as the domain sees it: clean values only. Rows that were
 * reported as errors are absent, and the build never runs on a dataset with errors.
 */
import type { Site, Scheme } from './settings.ts';
import type {
  Assessment, Honor, Household, Item, Merchant, Person, Redemption, Rule, StockRow, Unit,
} from './tables.ts';
import type { NewsEntry, NoticeEntry } from './content.ts';
import type { Ledger } from './ledger-columns.ts';

export interface Dataset {
  site: Site;
  schemes: Scheme[];
  units: Unit[];
  people: Person[];
  households: Household[];
  merchants: Merchant[];
  rules: Rule[];
  /** All ledger files, in file-name order, rows in file order: as columns (src/schema/ledger-columns.ts). */
  ledger: Ledger;
  assessments: Assessment[];
  items: Item[];
  stock: StockRow[];
  /** All redemption files, in file-name order, rows in file order. */
  redemptions: Redemption[];
  honors: Honor[];
  news: NewsEntry[];
  notices: NoticeEntry[];
}
