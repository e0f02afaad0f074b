// culori for the course's plotly.js with three colour spaces instead of all of CSS's (63 KB of
// the bundle minified, about 13 KB with this file). plotly.js requires the package's default
// entry, which registers every CSS colour space (lab, lch, oklab, p3, rec2020, ...); it uses only
// what it imports below, and converts colours to sRGB and HSL and measures contrast in linear
// RGB. The course's charts write colours as hex, rgb()/rgba(), hsl()/hsla(), CSS names or
// "transparent" (tests/test_plotly_bundle.py fails on any other form), which the sRGB and HSL
// spaces parse. The same culori version as the lock file's: this imports its own source.
import { converter, formatHex, formatRgb, modeHsl, modeLrgb, modeRgb, useMode, wcagContrast, wcagLuminance }
    from '../../../node_modules/culori/src/index-fn.js';

useMode(modeRgb);
useMode(modeHsl);
useMode(modeLrgb);

export { converter, formatHex, formatRgb, wcagContrast, wcagLuminance };
