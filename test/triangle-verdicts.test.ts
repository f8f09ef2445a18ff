// test/helpers/triangle.ts on synthetic samples: the compose triangle test's
// reading of "IXCP grants a core during each peak and parks it after".
import { test } from "node:test";
import assert from "node:assert/strict";
import { triangleVerdicts, type Sample } from "./helpers/triangle.ts";

/** A triangle 500..3000 req/s with a 60 s period, sampled once a second, active cores from `cores(t)`. */
function run(seconds: number, cores: (t: number, offered: number) => number): Sample[] {
  const out: Sample[] = [];
  for (let t = 0; t < seconds; t++) {
    const p = (t % 60) / 60;
    const offered = 500 + 2500 * (p < 0.5 ? 2 * p : 2 - 2 * p);
    out.push({ t, offered, active: cores(t, offered) });
  }
  return out;
}

test("a core granted above 2000 req/s and parked below it: every whole peak is granted and parked", () => {
  const v = triangleVerdicts(run(190, (_t, offered) => (offered > 2000 ? 2 : 1)));
  // Peaks centred at 30, 90, 150 s; the one at 150 s has no whole low half after it within 190 s.
  assert.equal(v.length, 2);
  for (const x of v) assert.deepEqual([x.granted, x.parked], [true, true], x.text);
  assert.match(v[0].text, /1 active before, up to 2 during, down to 1 after/);
});

test("IXCP that never moves fails both; one that grants and never parks fails parked", () => {
  const flat = triangleVerdicts(run(190, () => 1));
  assert.equal(flat.length, 2);
  assert.deepEqual(
    flat.map((x) => [x.granted, x.parked]),
    [
      [false, false],
      [false, false],
    ],
  );
  const sticky = triangleVerdicts(run(190, (t) => (t >= 25 ? 2 : 1)));
  assert.deepEqual(sticky[0] && [sticky[0].granted, sticky[0].parked], [true, false]);
});

test("a grant a few seconds after the peak ends still counts (grace), a late one does not", () => {
  // The high half of the first peak is t in (15, 45); grant at 48 s, park at 55 s.
  const late = (at: number) => run(190, (t) => (t >= at && t < at + 7 ? 2 : 1));
  assert.equal(triangleVerdicts(late(48))[0].granted, true);
  assert.equal(triangleVerdicts(late(53))[0].granted, false);
});

test("too few samples or a flat offered rate give no verdict", () => {
  assert.deepEqual(triangleVerdicts([]), []);
  assert.deepEqual(triangleVerdicts([0, 1, 2, 3].map((t) => ({ t, offered: 100, active: 1 }))), []);
});
