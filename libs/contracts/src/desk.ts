// The private channel between the main hall's technical desk and each site's operators (text chat,
// one thread per site; audience `desk`, see audience.ts).

export const DESK_LIMITS = {
  textChars: 1000,
  /** Messages a thread answers with at most (the newest). */
  pageMessages: 200,
} as const;

export interface DeskMessageView {
  id: string;
  /** The site whose thread this is. */
  siteId: string;
  authorUserId: string;
  authorName: string;
  /** Sent from the main hall's desk (true) or by the site's own staff (false). */
  fromDesk: boolean;
  text: string;
  sentAt: string;
}

/** One site's thread as a viewer sees it: the newest message and how many they have not read. */
export interface DeskThreadView {
  siteId: string;
  siteName: string;
  lastMessage: DeskMessageView | null;
  /** Messages by others after the viewer last read the thread. */
  unread: number;
}

export interface SendDeskMessageRequest {
  text: string;
}
