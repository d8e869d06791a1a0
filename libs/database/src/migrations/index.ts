import { Initial1795430445898 } from './1795430445898-Initial';
import { AuditPlatformActor1795432662354 } from './1795432662354-AuditPlatformActor';
import { ChangeLogAudiences1796055717341 } from './1796055717341-ChangeLogAudiences';
import { AuditTrailOutlivesConference1796060000000 } from './1796060000000-AuditTrailOutlivesConference';
import { Drafts1796061000000 } from './1796061000000-Drafts';
import { Comments1796062000000 } from './1796062000000-Comments';
import { ChainedEventsIndex1796140800000 } from './1796140800000-ChainedEventsIndex';
import { Consolidation1796200000000 } from './1796200000000-Consolidation';
import { Minutes1796400000000 } from './1796400000000-Minutes';
import { UserAccounts1796710000000 } from './1796710000000-UserAccounts';
import { DocumentSigner1796500000000 } from './1796500000000-DocumentSigner';
import { StatusReasons1796810000000 } from './1796810000000-StatusReasons';
import { Polls1796300000000 } from './1796300000000-Polls';
import { FloorTopicAndLimit1797000000000 } from './1797000000000-FloorTopicAndLimit';
import { DeskMessages1797010000000 } from './1797010000000-DeskMessages';
import { Notices1797020000000 } from './1797020000000-Notices';
import { MediaControls1797200000000 } from './1797200000000-MediaControls';
import { PollRunoffs1797600000000 } from './1797600000000-PollRunoffs';
import { CastBallotChecksAccount1797600000001 } from './1797600000001-CastBallotChecksAccount';
import { CastBallots1797700000000 } from './1797700000000-CastBallots';
import { OrgUnitTerms1797700000200 } from './1797700000200-OrgUnitTerms';

// Every migration, in order. Generate with `npm run migration:generate -- libs/database/src/migrations/<Name>`
// (after `npm run build:server`), then append it here.
export const MIGRATIONS: Function[] = [
  Initial1795430445898, AuditPlatformActor1795432662354, ChangeLogAudiences1796055717341,
  AuditTrailOutlivesConference1796060000000, Drafts1796061000000, Comments1796062000000,
  ChainedEventsIndex1796140800000, Consolidation1796200000000, Polls1796300000000, Minutes1796400000000,
  DocumentSigner1796500000000, UserAccounts1796710000000, StatusReasons1796810000000, FloorTopicAndLimit1797000000000,
  DeskMessages1797010000000, Notices1797020000000, MediaControls1797200000000, PollRunoffs1797600000000, CastBallotChecksAccount1797600000001,
  CastBallots1797700000000, OrgUnitTerms1797700000200,
];

export const MIGRATIONS_TABLE = 'migrations';
