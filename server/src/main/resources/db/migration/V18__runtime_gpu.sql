-- The local GPU a runtime holds (CUDA_VISIBLE_DEVICES), so that a replica adopting its kernel keeps the device
-- held, and a restart after adoption gives the new process the same one; null for none.
alter table runtimes add column gpu integer;
