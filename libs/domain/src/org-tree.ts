import { invalid } from './errors';

/**
 * Moving a unit of the administrative tree (e.g. a commune from a district that no longer exists to its
 * province, as in the 2025 reform): the new parent must be neither the unit nor one of its own units.
 * `newParentLine` is the new parent followed by its ancestors up to the root.
 */
export function assertMovable(unitId: string, newParentLine: readonly string[]): void {
  if (newParentLine.includes(unitId)) {
    throw invalid('ORG_UNIT_CYCLE', 'must not be the unit itself or one of its own units', 'parentId');
  }
}
