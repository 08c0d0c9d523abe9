// Conversation on the figures (issue "Conversation on the figures"): a thread on one figure or row of a fund, its
// comments (plain text with @mentions), and each person's notifications. The thread's rules (who sees it, where it
// opens) are in shared/comments.ts; the services are server/services/comments.ts and notifications.ts.
import { z } from 'zod';
import { coded, id, oneOf, strict, text, version } from './fields';
import type { Versioned } from './shape';

/** A comment is at most this long (the limit); longer is refused, naming the length. */
export const COMMENT_MAX_LENGTH = 10_000;
/** At most this many people mentioned in one comment. */
export const MAX_MENTIONS = 50;

/** What a thread can be on: a row of one of these tables (a figure when `field` is given), or a figure of the fund as
 * a whole (`fund`: a headline or board-pack figure, `field` naming it). */
export const THREAD_TARGETS = ['contribution', 'scheme', 'scenario_item', 'outcome', 'roi_benefit', 'fund'] as const;
export type ThreadTargetEntity = (typeof THREAD_TARGETS)[number];

export const THREAD_STATUSES = ['open', 'resolved'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const NOTIFICATION_KINDS = ['mention', 'reply', 'answer', 'question', 'conflict', 'signature_requested'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a person hears of notifications by email (when the server has BCF_SMTP_URL): each at once, one mail a day, or
 * never (in the app only). */
export const EMAIL_PREFERENCES = ['immediate', 'daily', 'off'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];
export const EMAIL_PREFERENCE_LABELS: Record<EmailPreference, string> = {
  immediate: 'Email each notification as it happens',
  daily: 'One email a day with everything new',
  off: 'No email: in the app only',
};

// ---- stored rows ----

export interface ThreadTarget {
  entity: ThreadTargetEntity;
  id: number;
  /** The figure's field (`plannedPence`, `q2ActualPence`, `board.totalPlanned`); null for the whole row. */
  field: string | null;
}

export interface CommentThreadValues {
  fundId: number;
  /** Set for a thread on a scenario's line: as private as the scenario. */
  scenarioId: number | null;
  targetEntity: ThreadTargetEntity;
  targetId: number;
  targetField: string | null;
  label: string;
  isQuestion: boolean;
  status: ThreadStatus;
  createdBy: number;
  createdAt: string;
  resolvedBy: number | null;
  resolvedAt: string | null;
}
export interface CommentThreadRow extends CommentThreadValues, Versioned {}

export const COMMENT_THREAD_FIELD_LABELS: Readonly<Record<keyof CommentThreadValues, string>> = {
  fundId: 'Fund',
  scenarioId: 'Scenario',
  targetEntity: 'On',
  targetId: 'Row',
  targetField: 'Figure',
  label: 'About',
  isQuestion: 'Question',
  status: 'Status',
  createdBy: 'Started by',
  createdAt: 'Started',
  resolvedBy: 'Resolved by',
  resolvedAt: 'Resolved',
};

export interface CommentValues {
  fundId: number;
  threadId: number;
  authorId: number;
  body: string;
  /** The people mentioned, by user id. */
  mentions: number[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}
export interface CommentRow extends CommentValues, Versioned {}

export const COMMENT_FIELD_LABELS: Readonly<Record<keyof CommentValues, string>> = {
  fundId: 'Fund',
  threadId: 'Thread',
  authorId: 'Author',
  body: 'Comment',
  mentions: 'Mentions',
  createdAt: 'Written',
  editedAt: 'Edited',
  deletedAt: 'Deleted',
};

// ---- what the API returns ----

export interface PersonRef {
  id: number;
  name: string;
}

export interface CommentView {
  id: number;
  threadId: number;
  author: PersonRef;
  /** Empty once deleted. Always plain text: shown as text, never as HTML. */
  body: string;
  mentions: PersonRef[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  version: number;
}

export interface ThreadView {
  id: number;
  fundId: number;
  target: ThreadTarget;
  label: string;
  isQuestion: boolean;
  status: ThreadStatus;
  createdBy: PersonRef;
  createdAt: string;
  resolvedBy: PersonRef | null;
  resolvedAt: string | null;
  version: number;
  /** Oldest first. */
  comments: CommentView[];
  /** Where the thread opens in the app (shared/comments.ts threadLink). */
  link: string;
}

/** Someone who can be mentioned on a fund: a person who can see its partnership (and the row, for a scenario). */
export interface Mentionable {
  id: number;
  name: string;
  role: string;
  organisations: string[];
}

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  text: string;
  link: string;
  fundId: number | null;
  threadId: number | null;
  actor: PersonRef | null;
  createdAt: string;
  readAt: string | null;
}

// ---- inputs ----

export const commentBodySchema = text('Comment', 1, COMMENT_MAX_LENGTH, true);
const mentionsSchema = z
  .array(id('Mentioned person'), { error: 'Mentions must be a list of user ids' })
  .max(MAX_MENTIONS, { error: `Mentions must name at most ${MAX_MENTIONS} people` });
/** A figure's field name: letters, digits and . _ : - (a board-pack figure is `board.<name>`). */
const fieldSchema = coded('Figure', /^[A-Za-z0-9_.:-]{1,100}$/, 'must be a field name of letters, digits and . _ : -');

export const threadTargetSchema = strict(
  { entity: oneOf('Target', THREAD_TARGETS), id: id('Target row'), field: fieldSchema.nullable() },
  'Target',
);

export const startThreadInput = strict(
  {
    fundId: id('Fund'),
    target: threadTargetSchema,
    body: commentBodySchema,
    mentionUserIds: mentionsSchema.default([]),
    isQuestion: z.boolean({ error: 'Question must be true or false' }).default(false),
    /** What a fund-wide figure is called (a board-pack figure), when `target.entity` is `fund`. */
    label: text('Figure name', 1, 200).optional(),
  },
  'Thread',
);
export type StartThreadInput = z.input<typeof startThreadInput>;

export const replyInput = strict({ threadId: id('Thread'), body: commentBodySchema, mentionUserIds: mentionsSchema.default([]) }, 'Reply');
export const editCommentInput = strict(
  { id: id('Comment'), version, body: commentBodySchema, mentionUserIds: mentionsSchema.default([]) },
  'Comment',
);
export const deleteCommentInput = strict({ id: id('Comment'), version }, 'Comment');
export const threadStepInput = strict({ id: id('Thread'), version }, 'Thread');

export const listNotificationsInput = strict(
  {
    unreadOnly: z.boolean({ error: 'Unread only must be true or false' }).default(false),
    limit: z.number().int().min(1).max(200).default(50),
  },
  'Notifications',
);
export const markReadInput = strict(
  { ids: z.array(id('Notification')).max(1000, { error: 'Mark at most 1,000 notifications at once' }).optional() },
  'Mark read',
);
export const emailPreferenceInput = strict({ email: oneOf('Email', EMAIL_PREFERENCES) }, 'Email preference');
