// Email domains of free mailbox providers: a lead's email at one of them says nothing
// about the company, so a conversion never matches (or names) a company by it.
const FREE_MAIL_DOMAINS = new Set([
  "aol.com", "gmail.com", "googlemail.com", "gmx.com", "gmx.de", "gmx.net", "hey.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr",
  "icloud.com", "live.com", "mac.com", "mail.com", "mail.ru", "me.com", "msn.com", "outlook.com", "proton.me", "protonmail.com",
  "qq.com", "rediffmail.com", "t-online.de", "tutanota.com", "web.de", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yandex.com",
  "yandex.ru", "zoho.com", "163.com", "126.com", "laposte.net", "orange.fr", "free.fr", "libero.it", "fastmail.com", "pm.me",
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}

/** The company domain an email says, or null (no email, no domain, a free-mail domain). */
export function companyDomainOf(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf("@") ?? -1;
  if (!email || at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return domain && /^([a-z0-9-]+\.)+[a-z]{2,}$/.test(domain) && !isFreeMailDomain(domain) ? domain : null;
}
