// vega-interpreter imports three helpers from vega-util; the vendored vega.min.js (loaded before this
// module) already exposes them on window.vega, so the interpreter uses those instead of a second copy.
export const { ascending, isString, DisallowedObjectProperties } = window.vega;
