-- 0009: the keyed audit trail (issue 12). entry_mac authenticates an entry
-- with the site's audit key: HMAC-SHA256(key, "iraed-audit-mac-v1|" ||
-- entry_sha256), lower-case hex (store/audit_key.h). NULL for entries
-- written without a key. The MAC of an entry covers every entry before it
-- through the hash chain.
ALTER TABLE audit_log ADD COLUMN entry_mac TEXT;
