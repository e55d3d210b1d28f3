/** Where the video page's moderation panel leaves the outcome of a delete for the admin list to show. */
export const ADMIN_NOTICE_KEY = 'upstream:admin-notice';
