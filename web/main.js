// The page's own script (bundled with everything it imports into one inline
// script at the end of the body by scripts/inline_dist.js): starts each part
// in turn. state.js first, so that a saved table or a share link is in the
// text area before app.js analyses; then app.js (the analysis and the
// results) and the panels, which redraw on its metapool:rendered event;
// last, on the built-in example, the results shipped with the page. The
// body stays hidden until this script runs (reveal.js), so that the
// browser's first frame holds those results.
import './reveal.js';  // first: see there
import { startAbsoluteView } from './absolute_view.js';
import { showBuiltInExample, startApp } from './app.js';
import { builtInExample } from './built_in_example.js';
import { startChecksView } from './checks_view.js';
import { startEmbed } from './embed.js';
import { startExports } from './exports.js';
import { opensWithExample } from './opening.js';
import { startPhoneLayout } from './phone_layout.js';
import { startPresetsView } from './presets_view.js';
import { startSensitivityView } from './sensitivity_view.js';
import { startSmallStudyView } from './small_study_view.js';
import { startState } from './state.js';
import { startSubgroupsView } from './subgroups_view.js';
import { startWorking } from './working.js';

startEmbed();
const ready = startState();
startApp(ready);
startWorking();
startExports();
startPresetsView();
startAbsoluteView();
startSubgroupsView();
startSmallStudyView();
startSensitivityView();
startChecksView();
startPhoneLayout();
// Last, once every panel listens: on the built-in example, its results
// shipped with the page.
if (opensWithExample()) showBuiltInExample(builtInExample());
