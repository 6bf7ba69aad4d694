/**
 * Who can be scored: people, households, merchants and units share one id space (the loader
 * checks ids are unique across all four), so one index answers "what is DY-001, where does it
 * belong, and does it take part in this scheme in this period".
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Scheme, SubjectKind } from '../schema/settings.ts';
import type { Household, Person, Unit } from '../schema/tables.ts';
import { once } from './once.ts';
import { periodBounds } from './periods.ts';

export interface SubjectIndex {
  kindOf(id: string): SubjectKind | undefined;
  nameOf(id: string): string | undefined;
  /**
   * The unit a subject belongs to: a person's, household's or merchant's `unit`, a unit's
   * parent. Undefined for a top unit.
   */
  unitOf(id: string): string | undefined;
  /** A unit and its parent chain, itself first: 支部 → 社区 → 街道. */
  ancestorsOf(unitId: string): string[];
  unit(id: string): Unit | undefined;
  person(id: string): Person | undefined;
  household(id: string): Household | undefined;
  /**
   * True when the subject is on the register that day. Only people have membership dates;
   * households, merchants and units always are.
   */
  isMemberOn(id: string, date: string): boolean;
  /** Kind, roles and unit types fit the scheme, whatever the period. */
  fitsScheme(scheme: Scheme, id: string): boolean;
  /** Fits the scheme and, for people, was on the register at some time in the period. */
  isEligible(scheme: Scheme, id: string, period: string): boolean;
  /** Every subject eligible in the period, sorted by id. */
  eligibleSubjects(scheme: Scheme, period: string): string[];
}

interface Entry {
  kind: SubjectKind;
  name: string;
  unit?: string;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the index once per dataset; every lookup after that is a map read. The check and the
 * view model ask for it separately and get the same index, so what is computed once per
 * dataset and index (counted rows, earned points) is computed once for both.
 */
export function indexSubjects(dataset: Dataset): SubjectIndex {
  return once([dataset], 'indexSubjects', () => buildIndex(dataset));
}

/**
 * Whether a person's membership overlaps the days `start` to `end` (dates as text): a member
 * who left before a period began is not ranked in it.
 */
export function memberDuring(person: Person, start: string, end: string): boolean {
  return (person.since === undefined || person.since <= end) && (person.until === undefined || person.until >= start);
}

function buildIndex(dataset: Dataset): SubjectIndex {
  const entries = new Map<string, Entry>();
  const units = new Map(dataset.units.map((u) => [u.id, u]));
  const people = new Map(dataset.people.map((p) => [p.id, p]));
  const households = new Map(dataset.households.map((h) => [h.id, h]));
  for (const u of dataset.units) entries.set(u.id, { kind: 'unit', name: u.name, unit: u.parent });
  for (const p of dataset.people) entries.set(p.id, { kind: 'person', name: p.name, unit: p.unit });
  for (const h of dataset.households) entries.set(h.id, { kind: 'household', name: h.name, unit: h.unit });
  for (const m of dataset.merchants) entries.set(m.id, { kind: 'merchant', name: m.name, unit: m.unit });
  const ids = [...entries.keys()].sort(byId);

  function ancestorsOf(unitId: string): string[] {
    const chain: string[] = [];
    // The loader rejects cycles; the `includes` guard only keeps a bad dataset from hanging.
    for (let id: string | undefined = unitId; id && units.has(id) && !chain.includes(id); id = units.get(id)?.parent) {
      chain.push(id);
    }
    return chain;
  }

  function fitsScheme(scheme: Scheme, id: string): boolean {
    const entry = entries.get(id);
    if (!entry || entry.kind !== scheme.subject) return false;
    if (entry.kind === 'person' && scheme.roles) return scheme.roles.includes(people.get(id)!.role);
    if (entry.kind === 'unit' && scheme.unitTypes) return scheme.unitTypes.includes(units.get(id)!.type);
    return true;
  }

  // A handful of periods, asked about for every row and every subject.
  const bounds = new Map<string, { start: string; end: string }>();
  function boundsOf(period: string) {
    let b = bounds.get(period);
    if (!b) bounds.set(period, (b = periodBounds(period)));
    return b;
  }

  function isEligible(scheme: Scheme, id: string, period: string): boolean {
    if (!fitsScheme(scheme, id)) return false;
    const person = people.get(id);
    if (!person) return true;
    const { start, end } = boundsOf(period);
    return memberDuring(person, start, end);
  }

  // Scores and statistics both list a period's eligible subjects: filter the ids once.
  const eligible = new Map<Scheme, Map<string, string[]>>();
  function eligibleSubjects(scheme: Scheme, period: string): string[] {
    let byPeriod = eligible.get(scheme);
    if (!byPeriod) eligible.set(scheme, (byPeriod = new Map()));
    let list = byPeriod.get(period);
    if (!list) byPeriod.set(period, (list = ids.filter((id) => isEligible(scheme, id, period))));
    return list;
  }

  return {
    kindOf: (id) => entries.get(id)?.kind,
    nameOf: (id) => entries.get(id)?.name,
    unitOf: (id) => entries.get(id)?.unit,
    ancestorsOf,
    unit: (id) => units.get(id),
    person: (id) => people.get(id),
    household: (id) => households.get(id),
    isMemberOn(id, date) {
      const person = people.get(id);
      if (!person) return entries.has(id);
      return memberDuring(person, date, date);
    },
    fitsScheme,
    isEligible,
    eligibleSubjects,
  };
}

/**
 * The units a subject is ranked within, nearest first: a person's unit and its ancestors, or
 * a unit's ancestors without itself (a branch is ranked inside its town, not inside itself).
 */
export function enclosingUnits(index: SubjectIndex, id: string): string[] {
  const unit = index.unitOf(id);
  return unit === undefined ? [] : index.ancestorsOf(unit);
}
