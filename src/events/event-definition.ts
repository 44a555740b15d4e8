/**
 * The lasting schema of one event type at one version. Field types are written the way the catalog
 * shows them (`string`, `number`, `"M" | "F"`, `TimingPoint[]`); a trailing `?` marks an optional field.
 */
export interface EventDefinition {
  type: string;
  version: number;
  stream: string;
  description: string;
  fields: Record<string, string>;
}
