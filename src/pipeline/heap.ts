// Heap settings of the extraction runtime.
//
// Extraction allocates a few MB per article (tokens, tags, candidate spans), most of which
// dies when the article is done. With V8's default young generation (semi-spaces of up to
// 16 MB), a scavenge runs every article or two and copies the article still in progress;
// over the ~800-word benchmark articles that was ~1.3 ms of scavenging per article, pinned to
// one core. Semi-spaces of 64 MB let several articles pass between scavenges: ~10% more
// articles per second for ~70 MB more resident memory per extraction thread.

/** Semi-space size, MB (`--max-semi-space-size`). */
export const SEMI_SPACE_MB = 64;

/**
 * The same as a worker's `resourceLimits.maxYoungGenerationSizeMb`: V8 sizes the young
 * generation as two semi-spaces plus a new large-object space of one semi-space.
 */
export const YOUNG_GENERATION_MB = SEMI_SPACE_MB * 3;
