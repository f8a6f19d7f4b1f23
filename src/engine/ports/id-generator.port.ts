/** Ids come in through a port so scenarios get readable, deterministic ids. */
export interface IdGenerator {
  next(): string;
}
