// notifications.*: the signed-in person's own notifications and their choice of email. Never anyone else's: the user
// comes from the session, not the input.
import { emailPreferenceInput, listNotificationsInput, markReadInput } from '../../shared/schema/comment';
import { sendsEmail } from '../mail/worker';
import { getEmailPreference, listNotifications, markRead, setEmailPreference, unreadCount } from '../services/notifications';
import { procedureFor, router } from '../trpc';

const readerOf = (ctx: { user: { id: number }; partnershipIds: ReadonlySet<number> }) => ({
  userId: ctx.user.id,
  partnershipIds: ctx.partnershipIds,
});

export const notificationsRouter = router({
  list: procedureFor('notification', 'read')
    .input(listNotificationsInput)
    .query(({ ctx, input }) => listNotifications(ctx.db, readerOf(ctx), input)),
  unreadCount: procedureFor('notification', 'read').query(({ ctx }) => unreadCount(ctx.db, readerOf(ctx))),
  markRead: procedureFor('notification', 'change')
    .input(markReadInput)
    .mutation(({ ctx, input }) => markRead(ctx.db, readerOf(ctx), input, ctx.now())),
  emailPreference: procedureFor('notification', 'read').query(({ ctx }) => getEmailPreference(ctx.db, ctx.user.id, sendsEmail())),
  setEmailPreference: procedureFor('notification', 'change')
    .input(emailPreferenceInput)
    .mutation(({ ctx, input }) => setEmailPreference(ctx.db, ctx.user.id, input.email, ctx.now(), sendsEmail())),
});
