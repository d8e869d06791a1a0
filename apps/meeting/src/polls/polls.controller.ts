import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { BallotReceipt, CastBallotRequest, PollView, PollVoterView } from '@hoinghi/contracts';
import { AccountCheckedByHandler, AuthUser, CurrentCaller, CurrentUser, type TokenCaller } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { CastBallotRequestDto, CreatePollRequestDto, CreateRunoffRequestDto, PollVotersQueryDto } from './dto/poll.dto';
import { BallotReceiptResponseDto, PollResponseDto, PollVoterResponseDto } from './dto/poll.response.dto';
import { BallotBody, BallotBodyPipe } from './ballot-body';
import { PollsService } from './polls.service';

@ApiTags('polls')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/polls')
export class PollsController {
  constructor(private readonly polls: PollsService) {}

  @Post()
  @Endpoint({ operationId: 'createPoll', summary: 'Prepares a vote on an agenda item, its rules as data (the chairs and the secretariat).', response: PollResponseDto, status: 201, errors: [400, 401, 403, 404] })
  create(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: CreatePollRequestDto): Promise<PollView> {
    return this.polls.create(user, conferenceId, dto);
  }

  @Get()
  @Endpoint({ operationId: 'listPolls', summary: 'The conference\'s polls with their turnout, and each published result.', response: [PollResponseDto], errors: [401, 403, 404] })
  list(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<PollView[]> {
    return this.polls.list(user, conferenceId);
  }

  @Post(':pollId/open')
  @HttpCode(200)
  @Endpoint({ operationId: 'openPoll', summary: 'Opens a poll when its quorum is present, freezing its electorate and who is present (the chairs).', response: PollResponseDto, errors: [401, 403, 404, 409] })
  open(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('pollId') pollId: string): Promise<PollView> {
    return this.polls.open(user, conferenceId, pollId);
  }

  @Post(':pollId/close')
  @HttpCode(200)
  @Endpoint({ operationId: 'closePoll', summary: 'Closes a poll; the worker counts it and publishes the result to every site (the chairs).', response: PollResponseDto, errors: [401, 403, 404, 409] })
  close(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('pollId') pollId: string): Promise<PollView> {
    return this.polls.close(user, conferenceId, pollId);
  }

  @Post(':pollId/runoff')
  @Endpoint({
    operationId: 'createRunoff',
    summary: 'Resolves a tie at the last seat of a published election the Party\'s way: prepares a re-vote, an election among the tied candidates only for the seats left, under the same rules; one per tie (the chairs).',
    response: PollResponseDto, status: 201, errors: [400, 401, 403, 404, 409],
  })
  runoff(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('pollId') pollId: string, @Body() dto: CreateRunoffRequestDto): Promise<PollView> {
    return this.polls.runoff(user, conferenceId, pollId, dto);
  }

  @Post(':pollId/ballots')
  @HttpCode(202)
  @AccountCheckedByHandler() // cast_ballots checks the account in the ballot's group's one round trip
  @ApiBody({ type: CastBallotRequestDto }) // the body is read by BallotBody, not @Body()
  @Endpoint({
    operationId: 'castBallot',
    summary: 'Casts the caller\'s ballot: answered 202 with a receipt once it is committed in PostgreSQL (it will be counted exactly once). A resend with the same idempotencyKey answers the same receipt; another ballot from the same voter is a 409.',
    response: BallotReceiptResponseDto, status: 202, errors: [400, 401, 403, 404, 409],
  })
  cast(
    @CurrentCaller() caller: TokenCaller,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('pollId') pollId: string,
    @BallotBody(BallotBodyPipe) dto: CastBallotRequest,
  ): Promise<BallotReceipt> {
    return this.polls.cast(caller, conferenceId, pollId, dto);
  }

  @Get(':pollId/receipt')
  @Endpoint({ operationId: 'getBallotReceipt', summary: 'The caller\'s receipt in this poll, if they voted.', response: BallotReceiptResponseDto, errors: [401, 403, 404] })
  receipt(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('pollId') pollId: string): Promise<BallotReceipt> {
    return this.polls.receipt(user, conferenceId, pollId);
  }

  @Get(':pollId/voters')
  @Endpoint({ operationId: 'listPollVoters', summary: 'Who has (not) voted: an open vote to everyone convened (and what each chose to the chairs); a secret ballot to the leaders and to a site\'s staff for their site (what anyone chose: never).', response: [PollVoterResponseDto], errors: [400, 401, 403, 404] })
  voters(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('pollId') pollId: string, @Query() query: PollVotersQueryDto): Promise<PollVoterView[]> {
    return this.polls.voters(user, conferenceId, pollId, query.siteId);
  }
}
