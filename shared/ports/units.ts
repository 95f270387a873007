/** The registry of the region's units (OPDs): a user of an OPD role belongs to an active one. */
export interface UnitRegistry {
  isActive(regionId: string, code: string): Promise<boolean>;
}
