export { formatPath, parsePath, PathSyntaxError, type ParsedPath, type PathSegment } from './parse.js';
export { getAll, getPath, PathWriteError, setPath, toParsedPath, type PathInput } from './evaluate.js';
