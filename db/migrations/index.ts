// Every migration, by its frozen timestamp name. Listed statically so the server, the CLI and the tests run the same
// set with no file-system discovery.
import type { Migration } from 'kysely';
import * as foundation from './20261125T190000_foundation';
import * as auth from './20261125T200000_auth';
import * as userSettings from './20261125T210000_user_settings';
import * as bcfPlan from './20261125T220000_bcf_plan';
import * as splitRules from './20261125T230000_split_rules';
import * as scenarios from './20261201T190000_scenarios';
import * as outcomesRoi from './20261201T200000_outcomes_roi';
import * as scale from './20261201T210000_scale';
import * as bcfYears from './20261206T000000_bcf_years';
import * as submissions from './20261207T000000_submissions';
import * as conversation from './20261208T000000_conversation';
import * as hotUpdates from './20261209T000000_hot_updates';

export const migrations: Record<string, Migration> = {
  '20261125T190000_foundation': foundation,
  '20261125T200000_auth': auth,
  '20261125T210000_user_settings': userSettings,
  '20261125T220000_bcf_plan': bcfPlan,
  '20261125T230000_split_rules': splitRules,
  '20261201T190000_scenarios': scenarios,
  '20261201T200000_outcomes_roi': outcomesRoi,
  '20261201T210000_scale': scale,
  '20261206T000000_bcf_years': bcfYears,
  '20261207T000000_submissions': submissions,
  '20261208T000000_conversation': conversation,
  '20261209T000000_hot_updates': hotUpdates,
};
