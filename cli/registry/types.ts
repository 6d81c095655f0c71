// The registry's document shapes (DESIGN.md §5). The per-version record is the
// resolver's VersionMetadata plus where the archive is and its checksum, so a
// registry document is directly a MetadataProvider answer.

export interface RegistryVersion {
  checksum: string;
  /** Archive location relative to the registry root (or absolute URL); else config.json's `files` template. */
  url?: string;
  dependencies?: Record<string, string>;
  optional?: Record<string, string>;
  features?: Record<string, Record<string, string>>;
  targets?: Record<string, Record<string, string>>;
  yanked?: boolean;
  [extra: string]: unknown;
}

export interface RegistryPackage {
  name: string;
  description?: string;
  keywords?: string[];
  license?: string;
  latest?: string;
  versions: Record<string, RegistryVersion>;
  [extra: string]: unknown;
}

export interface RegistryConfig {
  api: number;
  files?: string;
  search?: string;
  [extra: string]: unknown;
}

export interface SearchEntry {
  name: string;
  description?: string;
  keywords?: string[];
  latest?: string;
}

/** What `cairn publish` sends besides the archive (header `Cairn-Metadata`, base64url JSON). */
export interface PublishMetadata {
  description?: string;
  keywords?: string[];
  license?: string;
  dependencies?: Record<string, string>;
  optional?: Record<string, string>;
  features?: Record<string, Record<string, string>>;
  targets?: Record<string, Record<string, string>>;
}

/** The same interface the resolver's bindings declare (bindings/resolver.ts). */
export interface MetadataProvider {
  fetch(names: string[]): Promise<(RegistryPackage | null)[]>;
}
