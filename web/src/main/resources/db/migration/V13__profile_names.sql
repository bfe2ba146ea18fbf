-- Profile names (ProfileUpdated) and avatar (AvatarChanged), kept with the account's standing in user_status.
ALTER TABLE user_status ADD COLUMN first_name VARCHAR(100);
ALTER TABLE user_status ADD COLUMN last_name VARCHAR(100);
-- The current avatar (AvatarChanged): a re-encoded PNG in the blob store.
ALTER TABLE user_status ADD COLUMN avatar_key VARCHAR(512);
