// Site-wide behaviour. Kept small: every page works without it.
"use strict";
