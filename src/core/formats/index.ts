// The profile formats: detection, readers and writers (host side only: uses node:zlib and node:fs).

export { ProfileFormatError, ProfileReadCancelled } from './formatError';
export { detectFormat, SUPPORTED_FORMATS, type InputFormat } from './detect';
export { readProfile, createProfileReader } from './readProfile';
export { readProfileFile, readProfileStream, type ReadOptions, type ReadProgress } from './readProfileFile';
export type { ProfileReader } from './profileReader';
export { PixieRowAggregator, PIXIE_SAMPLE_INTERVAL_MS, type PixieRow } from './pixieRows';
export { PixieJsonlReader, readPixieJsonArray } from './pixieJson';
export { FoldedReader, readFolded } from './folded';
export { readPprof } from './pprof';
export { readCpuProfile, cpuProfileToProfile } from './cpuprofile';
export { liftK8sFrames } from './k8sFramePrefix';
export { formatSourceFrame, parseSourceFrame, frameFunctionName, type SourceFrame } from './sourceFrame';
export { foldedText, pixieJsonText, toText } from './writeText';
export { writePprof } from './writePprof';
export { serializeProfile, formatForFileName, OUTPUT_FORMATS, type OutputFormat } from './writeProfile';
