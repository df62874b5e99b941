-- Sample comments for the demo: what a blog's comment form really receives.
-- Loaded with psql by deploy/demo.sh; every value goes through moderation.submit_comment.
INSERT INTO moderation.sites (id, name) VALUES ('demo-blog', 'Demo blog') ON CONFLICT (id) DO NOTHING;
INSERT INTO moderation.word_rules (site_id, action, pattern) VALUES
    ('demo-blog', 'reject', 'viagra'), ('demo-blog', 'hold', 'crypto giveaway'), ('demo-blog', 'hold', 'payday loan*')
ON CONFLICT DO NOTHING;

-- Ada commented before and was approved, so she is trusted; everyone else is a first-time commenter, whom
-- the default policy (like WordPress) holds until a moderator approves one of their comments.
INSERT INTO moderation.comments (site_id, post_id, author_name, author_email, body, status, body_html,
                                 decided_at, published_at, submitted_at)
VALUES ('demo-blog', 'about', 'Ada', 'ada@example.org', 'Welcome!', 'approved', '<p>Welcome!</p>',
        now() - interval '1 day', now() - interval '1 day', now() - interval '1 day');

-- An ordinary reader, a reply, and an internationalized address.
SELECT moderation.submit_comment(site_id => 'demo-blog', post_id => 'hello-world',
    author_name => 'Ada', author_email => 'ada@example.org',
    body => E'Lovely post, thank you.\n\nThe second paragraph of my comment.',
    author_ip => '198.51.100.7', user_agent => 'Mozilla/5.0', submission_key => 'demo-1');
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Jürgen', 'jürgen@münchen.example',
    'Schöner Beitrag! Mehr dazu auf www.example.org/notes', author_ip => '198.51.100.8', submission_key => 'demo-2');
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Priya', 'priya@example.in',
    'बहुत बढ़िया लेख', author_ip => '198.51.100.9', submission_key => 'demo-3');

-- Invalid: bad email, missing fields, a control character, a non-http website.
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Bob', 'bob@@example', 'Nice', submission_key => 'demo-4');
SELECT moderation.submit_comment('demo-blog', 'hello-world', '   ', '', '', submission_key => 'demo-5');
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Eve', 'eve@example.net', E'bell\u0007 ringing',
    author_url => 'javascript:alert(1)', submission_key => 'demo-6');

-- Word lists: a phrase joined by punctuation.
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Crypto Fan', 'fan@example.com',
    'Join the crypto-giveaway now!', author_ip => '203.0.113.49', submission_key => 'demo-12');

-- Spam signals: links, look-alike letters, shouting, script.
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Deals', 'deals@example.com',
    'Cheap meds at https://pills.example/a and https://pills.example/b and cheap-pills.com',
    author_ip => '203.0.113.50', submission_key => 'demo-7');
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Vіagra Store', 'store@example.com',
    'Buy v.i.a.g.r.a now', author_ip => '203.0.113.51', submission_key => 'demo-8');
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Loud', 'loud@example.com',
    'THIS IS THE BEST POST I HAVE EVER READ!!!!!!!!!!!!', author_ip => '203.0.113.52', submission_key => 'demo-9');
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Mallory', 'mallory@example.com',
    '<script>alert(document.cookie)</script>', author_ip => '203.0.113.53', submission_key => 'demo-10');

-- A duplicate of Ada's comment, and a resubmitted form (same key: stored once).
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Ada', 'ada@example.org',
    E'Lovely post, thank you.\n\nThe second paragraph of my comment.', author_ip => '198.51.100.7', submission_key => 'demo-11');
SELECT moderation.submit_comment('demo-blog', 'hello-world', 'Ada', 'ada@example.org',
    E'Lovely post, thank you.\n\nThe second paragraph of my comment.', author_ip => '198.51.100.7', submission_key => 'demo-11');
