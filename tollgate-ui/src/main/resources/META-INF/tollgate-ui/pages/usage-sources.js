// Where the usage page reads from: the gateway's daily-activity endpoints (LiteLLM's), summed per day on the server
// from its daily aggregates. User and team activity come whole from the /aggregated variants; tag and customer
// activity is paged, so every page is fetched and the pages are returned together.
import {api} from '../api.js';

const PAGE_SIZE = 1000;
const MAX_PAGES = 50;

const PATHS = {
  user: '/user/daily/activity/aggregated',
  team: '/team/daily/activity/aggregated',
  tag: '/tag/daily/activity',
  customer: '/customer/daily/activity',
};

/** Every page of a paged activity query, in order. */
async function allPages(path, query) {
  const pages = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await api(path, {query: {...query, page, page_size: PAGE_SIZE}});
    pages.push(answer);
    if (!answer?.metadata?.has_more) return pages;
  }
  throw new Error(`More than ${MAX_PAGES * PAGE_SIZE} rows of activity: pick a shorter date range.`);
}

/**
 * The activity of `source` (user, team, tag, customer) from `from` to `to` (UTC days), as a list of answers;
 * `userId`, when given, narrows user activity to that user (internal users see only their own anyway).
 */
export async function activity(source, {from, to, userId}) {
  const query = {start_date: from, end_date: to};
  if (source === 'user' && userId) query.user_id = userId;
  if (source === 'user' || source === 'team') return [await api(PATHS[source], {query})];
  return allPages(PATHS[source], query);
}
