// Shard 1 of the scenario runs (all-scenarios.ts says why they are split).
import { scenarioShard } from './all-scenarios.ts';

scenarioShard(1);
