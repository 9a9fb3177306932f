/**
 * A static check that a signature's regular expression cannot backtrack catastrophically: no quantified
 * group may itself contain a quantifier (`(a+)+`, `(\w*,)*`, `(x?y){2,}`). Together with the 64 KiB line
 * cut this keeps matching roughly linear in the paste size.
 */

/** Issue found by {@link checkPatternSafety}. */
export interface PatternIssue {
  pattern: string;
  message: string;
}

/** Returns issues for a pattern with a quantified group that contains a quantifier. */
export function checkPatternSafety(pattern: string): PatternIssue[] {
  const issues: PatternIssue[] = [];
  // Each open group records whether a quantifier appeared inside it.
  const stack: boolean[] = [];
  let lastGroupHadQuantifier = false;
  let i = 0;
  const markQuantifier = () => {
    for (let k = 0; k < stack.length; k++) stack[k] = true;
  };
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '\\') {
      i += 2;
      lastGroupHadQuantifier = false;
      continue;
    }
    if (ch === '[') {
      // skip a character class
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
      lastGroupHadQuantifier = false;
      continue;
    }
    if (ch === '(') {
      stack.push(false);
      i++;
      continue;
    }
    if (ch === ')') {
      lastGroupHadQuantifier = stack.pop() ?? false;
      i++;
      // A quantifier on this group?
      const rest = pattern.slice(i);
      const q = /^(?:\*|\+|\{(\d+)(,(\d*))?\})/.exec(rest);
      if (q) {
        const unbounded = q[0] === '*' || q[0] === '+' || (q[2] !== undefined && (q[3] === '' || Number(q[3]) > 1)) || (q[2] === undefined && Number(q[1]) > 1);
        if (unbounded && lastGroupHadQuantifier) {
          issues.push({ pattern, message: `a repeated group contains a quantifier near "${pattern.slice(Math.max(0, i - 20), i + q[0].length)}": nested quantifiers can backtrack catastrophically.` });
        }
        markQuantifier();
        i += q[0].length;
      } else if (rest.startsWith('?')) {
        if (lastGroupHadQuantifier) markQuantifier();
        i++;
      } else if (lastGroupHadQuantifier) {
        markQuantifier();
      }
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      if (ch === '{' && !/^\{\d+(,\d*)?\}/.test(pattern.slice(i))) {
        i++;
        continue;
      }
      // `?` right after `(` is a group modifier, and after a quantifier it makes it lazy.
      const prev = pattern[i - 1];
      if (ch === '?' && (prev === '(' || prev === '*' || prev === '+' || prev === '?' || prev === '}')) {
        i++;
        continue;
      }
      markQuantifier();
      if (ch === '{') i = pattern.indexOf('}', i) + 1;
      else i++;
      continue;
    }
    i++;
  }
  return issues;
}
