-- When a checkpoint was written to the blob store, out of the database (CheckpointPublisher): every checkpoint is
-- published once, in order, including those signed while the blob store could not be reached. Not part of what is
-- signed. The checkpoints signed before this migration are published by the first node that starts after it.
ALTER TABLE audit_checkpoint ADD COLUMN published_at TIMESTAMP WITH TIME ZONE;
