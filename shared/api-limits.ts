// Limits of the API's transport that the client and the server must agree on: the client splits its batches by them,
// the server refuses anything over them.

/**
 * The most procedure calls one HTTP request may batch. The server runs a batch's calls together, so without a limit
 * one request of 200 board reports held it for a second and kept the health check waiting (issue 20). The busiest
 * page asks for about a dozen things at once; the client's batch link splits anything larger into several requests.
 */
export const MAX_BATCH_CALLS = 50;
