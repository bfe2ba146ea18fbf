-- An operator's replay of a streaming read model, as every node with the projections role sees it. While a replay
-- is requested, the other nodes stop that processor, releasing its segments, so that the requesting node can reset
-- every segment's token; they start it again once the request is no longer open (done, abandoned, or left open by a
-- node that died: older than the wait for the segments, twice over).
CREATE TABLE processor_replay (
    processor_name VARCHAR(255)             NOT NULL PRIMARY KEY,
    generation     BIGINT                   NOT NULL,
    state          VARCHAR(16)              NOT NULL,
    node           VARCHAR(255)             NOT NULL,
    requested_by   VARCHAR(255)             NOT NULL,
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE
);
