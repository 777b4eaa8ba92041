-- Cruddur seed data: two users and a few activities, user_uuid looked up by handle
-- as the bootcamp seed does. Example addresses and ids only.

INSERT INTO public.users (display_name, handle, email, cognito_user_id)
VALUES
  ('Andrew Brown', 'andrewbrown', 'andrew@example.com', 'MOCK-andrewbrown'),
  ('Andrew Bayko', 'bayko', 'bayko@example.com', 'MOCK-bayko');

INSERT INTO public.activities (user_uuid, message, expires_at)
VALUES
  ((SELECT uuid FROM public.users WHERE users.handle = 'andrewbrown' LIMIT 1),
   'This was imported as seed data!',
   current_timestamp + interval '10 day'),
  ((SELECT uuid FROM public.users WHERE users.handle = 'andrewbrown' LIMIT 1),
   'Cloud is fun; databases are more fun.',
   current_timestamp + interval '30 day'),
  ((SELECT uuid FROM public.users WHERE users.handle = 'bayko' LIMIT 1),
   'I''m seeding too.',
   current_timestamp + interval '7 day');
