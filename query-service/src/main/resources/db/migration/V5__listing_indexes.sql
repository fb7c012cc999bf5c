-- Reading the environment list fast (issue: 10,000 environments with 30,000 deployments of history).

-- The list order (app, pipeline position with ad-hoc environments last, name) as an index, so that a page of
-- GET /environments?app=… is an index range scan starting right after the previous page's last key (keyset
-- pagination) and the total is an index-only count. 2147483647 stands for "no stage" (Environments.ORDER_KEY).
CREATE INDEX environments_listing ON environments (app, (COALESCE(stage_index, 2147483647)), name);

-- The last successful deployment of an environment ("deployed": who put what runs there, and when), found per
-- listed environment by one index probe instead of sorting every successful deployment of the application.
CREATE INDEX deployments_succeeded ON deployments (app, environment, finished_at DESC)
  WHERE status = 'SUCCEEDED' AND finished_at IS NOT NULL;
