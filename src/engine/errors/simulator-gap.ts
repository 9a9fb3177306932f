/**
 * The sentence every note about a gap of the simulator carries (an AWS call or a module the simulator does not have,
 * in the JavaScript and the Python runtimes). The findings read it to tell such an init failure from the user's own
 * (front-doors.ts, LT-SIM-MODULE-GAP), so producers and the reader share this one text.
 */
export const SIMULATOR_GAP_SENTENCE = 'This is a gap of the simulator, not an error in your code';
