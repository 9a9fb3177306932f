// Shard 4 of the scenario runs (all-scenarios.ts says why they are split).
import { scenarioShard } from './all-scenarios.ts';

scenarioShard(4);
