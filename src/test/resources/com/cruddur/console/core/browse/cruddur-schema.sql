CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE public.users (uuid UUID DEFAULT uuid_generate_v4() PRIMARY KEY, display_name text NOT NULL, handle text NOT NULL,
  email text NOT NULL, cognito_user_id text UNIQUE NOT NULL, created_at timestamp default current_timestamp NOT NULL,
  updated_at timestamp default current_timestamp NOT NULL);
CREATE TABLE public.activities (uuid UUID DEFAULT uuid_generate_v4() PRIMARY KEY, user_uuid UUID NOT NULL REFERENCES public.users,
  message text NOT NULL, replies_count integer DEFAULT 0, reposts_count integer DEFAULT 0, likes_count integer DEFAULT 0,
  reply_to_activity_uuid UUID, expires_at timestamp, created_at timestamp default current_timestamp NOT NULL,
  updated_at timestamp default current_timestamp NOT NULL);
CREATE INDEX ON public.activities (user_uuid); CREATE INDEX ON public.activities (created_at);
