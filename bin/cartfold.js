#!/usr/bin/env node
// The published command runs the build (`npm run build` compiles src/ to dist/).
import '../dist/cli/main.js'
