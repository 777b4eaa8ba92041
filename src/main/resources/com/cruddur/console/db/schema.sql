-- Cruddur schema (corrected from the week-4 write-up): the comma after "handle text",
-- email and user_uuid columns, reply_to_activity_uuid as UUID, updated_at columns for the
-- update triggers, and a unique cognito_user_id for the Cognito post-confirmation upsert.
-- Re-runnable: everything is dropped first, so loading it resets the tables.

CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

DROP TABLE IF EXISTS public.activities CASCADE;
DROP TABLE IF EXISTS public.users CASCADE;
DROP FUNCTION IF EXISTS public.func_updated_at() CASCADE;

CREATE TABLE public.users (
  uuid UUID DEFAULT uuid_generate_v4() PRIMARY KEY,
  display_name text NOT NULL,
  handle text NOT NULL,
  email text NOT NULL,
  cognito_user_id text NOT NULL,
  created_at TIMESTAMP DEFAULT current_timestamp NOT NULL,
  updated_at TIMESTAMP DEFAULT current_timestamp NOT NULL,
  CONSTRAINT users_cognito_user_id_key UNIQUE (cognito_user_id)
);

CREATE TABLE public.activities (
  uuid UUID DEFAULT uuid_generate_v4() PRIMARY KEY,
  user_uuid UUID NOT NULL REFERENCES public.users (uuid),
  message text NOT NULL,
  replies_count integer DEFAULT 0,
  reposts_count integer DEFAULT 0,
  likes_count integer DEFAULT 0,
  reply_to_activity_uuid UUID,
  expires_at TIMESTAMP,
  created_at TIMESTAMP DEFAULT current_timestamp NOT NULL,
  updated_at TIMESTAMP DEFAULT current_timestamp NOT NULL
);

CREATE INDEX activities_user_uuid_idx ON public.activities (user_uuid);
CREATE INDEX activities_created_at_idx ON public.activities (created_at DESC);

CREATE FUNCTION public.func_updated_at()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trig_users_updated_at
BEFORE UPDATE ON public.users
FOR EACH ROW EXECUTE FUNCTION public.func_updated_at();

CREATE TRIGGER trig_activities_updated_at
BEFORE UPDATE ON public.activities
FOR EACH ROW EXECUTE FUNCTION public.func_updated_at();
