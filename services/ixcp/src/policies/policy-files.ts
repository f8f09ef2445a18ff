// Where a user policy may come from: only the policy folders configured when
// IXCP starts (--policy-dir), never a path a request makes up. A request names
// a policy ("delay-band" or "delay-band.ts": a file directly in one of the
// folders) or gives a path; either way the file is accepted only when
//   - the request has no ".." segment and no NUL,
//   - the path, lexically and after realpath (every symlink resolved), lies
//     inside the realpath of a configured folder,
//   - it is a regular file (not a FIFO, device or directory),
// and all of that is decided from the path and its metadata (realpath, lstat)
// before the file is opened. The source is then read through a descriptor
// opened O_NOFOLLOW | O_NONBLOCK whose fstat must be the same file (device and
// inode) that was checked, so a swap between the check and the open is
// refused, and opening a FIFO can never block IXCP.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

/** Extensions a policy module may have (.ts is type-stripped in the sandbox). */
export const POLICY_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"] as const;
/** A policy file is small; anything larger is refused rather than read. */
export const MAX_POLICY_BYTES = 256 * 1024;

export interface PolicyFile {
  /** The realpath of the module, inside `dir`. */
  file: string;
  /** The realpath of the configured folder it came from. */
  dir: string;
  dev: number;
  ino: number;
}

/** Longest policy name or path echoed back in an error or the decision log. */
export const MAX_SPEC_SHOWN = 128;

/** `spec` quoted for a message, cut to MAX_SPEC_SHOWN characters (a request may send megabytes). */
export function quoteSpec(spec: string): string {
  return JSON.stringify(spec.length > MAX_SPEC_SHOWN ? `${spec.slice(0, MAX_SPEC_SHOWN)}...` : spec);
}

const inside = (dir: string, p: string): boolean => {
  const rel = relative(dir, p);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
};

const hasExtension = (name: string): boolean => POLICY_EXTENSIONS.some((e) => name.endsWith(e));

/** Folders as given -> their realpaths; a folder that does not exist is an error at start. */
export function realPolicyDirs(dirs: readonly string[]): string[] {
  return dirs.map((d) => {
    try {
      const real = realpathSync(d);
      if (!lstatSync(real).isDirectory()) throw new Error("not a directory");
      return real;
    } catch (e) {
      throw new Error(`policy folder ${d}: ${(e as Error).message}`);
    }
  });
}

/**
 * Resolves `spec` (a name or a path) to a policy file inside one of `dirs`
 * (realpaths, from realPolicyDirs). Throws a one-line reason otherwise;
 * nothing is opened or read here. Relative paths are relative to `cwd`.
 */
export function resolvePolicyFile(spec: string, dirs: readonly string[], cwd = process.cwd()): PolicyFile {
  if (spec.includes("\0")) throw new Error("a policy name may not contain NUL");
  if (spec.split(/[\\/]/).includes(".."))
    throw new Error(`policy ${quoteSpec(spec)} refused: ".." is not allowed`);
  if (dirs.length === 0)
    throw new Error(`policy ${quoteSpec(spec)} refused: no policy folder is configured (--policy-dir)`);
  const isPath = spec.includes("/") || spec.includes("\\");
  let candidates: string[];
  if (isPath) candidates = [resolve(cwd, spec)];
  else {
    if (spec === "." || spec === "") throw new Error(`bad policy name ${quoteSpec(spec)}`);
    const names = hasExtension(spec) ? [spec] : POLICY_EXTENSIONS.map((e) => spec + e);
    candidates = dirs.flatMap((d) => names.map((n) => resolve(d, n)));
  }
  for (const candidate of candidates) {
    const home = dirs.find((d) => inside(d, candidate));
    if (!home)
      throw new Error(
        `policy ${quoteSpec(spec)} refused: ${candidate} is outside the policy folders (${dirs.join(", ")})`,
      );
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      continue; // does not exist: try the next extension / folder
    }
    if (!inside(home, real))
      throw new Error(`policy ${quoteSpec(spec)} refused: it resolves to ${real}, outside ${home}`);
    const st = lstatSync(real);
    if (!st.isFile()) throw new Error(`policy ${quoteSpec(spec)} refused: ${real} is not a regular file`);
    if (!hasExtension(real))
      throw new Error(
        `policy ${quoteSpec(spec)} refused: a policy module ends in ${POLICY_EXTENSIONS.join(", ")}`,
      );
    if (st.size > MAX_POLICY_BYTES)
      throw new Error(`policy ${quoteSpec(spec)} refused: ${st.size} bytes (at most ${MAX_POLICY_BYTES})`);
    return { file: real, dir: home, dev: st.dev, ino: st.ino };
  }
  throw new Error(`policy ${quoteSpec(spec)} does not exist in the policy folders (${dirs.join(", ")})`);
}

/** Reads a resolved policy file, refusing it if it is no longer the file that was checked. */
export function readPolicySource(p: PolicyFile): string {
  const fd = openSync(p.file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.dev !== p.dev || st.ino !== p.ino)
      throw new Error(`policy file ${p.file} changed between the check and the read: refused`);
    if (st.size > MAX_POLICY_BYTES)
      throw new Error(`policy file ${p.file} grew past ${MAX_POLICY_BYTES} bytes`);
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
