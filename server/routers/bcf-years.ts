// bcfYears.*: the BCF years held as data and their funding streams. Everyone signed in reads them; administrators open
// a year (a copy of an earlier year's lists) and edit years and streams.
import { bcfYearOpenInput, bcfYearUpdateInput, fundingStreamCreateInput, fundingStreamUpdateInput } from '../../shared/schema/bcf-year';
import { bcfYearSchema, strict } from '../../shared/schema/fields';
import { deleteInput } from '../../shared/schema/shape';
import {
  createFundingStream,
  listBcfYears,
  listFundingStreams,
  openBcfYear,
  removeFundingStream,
  updateBcfYear,
  updateFundingStream,
} from '../services/bcf-years';
import { asActor, procedureFor, router } from '../trpc';

const streamsInput = strict({ bcfYear: bcfYearSchema.optional() }, 'Input').optional();

export const bcfYearsRouter = router({
  list: procedureFor('bcf_year', 'read').query(({ ctx }) => listBcfYears(ctx.db)),
  open: procedureFor('bcf_year', 'change').input(bcfYearOpenInput).mutation(asActor(openBcfYear)),
  update: procedureFor('bcf_year', 'change').input(bcfYearUpdateInput).mutation(asActor(updateBcfYear)),
  streams: procedureFor('funding_stream', 'read')
    .input(streamsInput)
    .query(({ ctx, input }) => listFundingStreams(ctx.db, input?.bcfYear)),
  createStream: procedureFor('funding_stream', 'change').input(fundingStreamCreateInput).mutation(asActor(createFundingStream)),
  updateStream: procedureFor('funding_stream', 'change').input(fundingStreamUpdateInput).mutation(asActor(updateFundingStream)),
  removeStream: procedureFor('funding_stream', 'change').input(deleteInput).mutation(asActor(removeFundingStream)),
});
